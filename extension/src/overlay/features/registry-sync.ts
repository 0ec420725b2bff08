// Listens to the main-world capture of the app's registry answers, has the service worker record them, and keeps
// the overlay's view of the messages shown, the labels and the bulk jobs up to date. Runs once per page load.
import { bridgeMessageSchema } from '../../ebox-adapter/bridge-schema.ts';
import { isRegistryUrl } from '../../ebox-adapter/origins.ts';
import { signedInCompany } from '../../ebox-adapter/selectors.ts';
import { interpret } from '../../ebox-adapter/registry-observations.ts';
import type { BulkJob } from '../../jobs/bulk-job.ts';
import { callArchive } from '../../messaging/client.ts';
import { JOBS_STORAGE_KEY } from '../../messaging/protocol.ts';
import { readLocal, watchLocal } from '../../platform/runtime.ts';
import type { OverlayStore } from '../overlay-store.ts';

const sandbox = import.meta.env.WXT_EBOX_SANDBOX === '1';

export function startRegistrySync(store: OverlayStore, signal: AbortSignal): void {
  let companySent: string | undefined;
  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      if (event.source !== window || event.origin !== window.location.origin) return;
      const parsed = bridgeMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const observation = interpret(parsed.data, window.location.href, (url) => isRegistryUrl(url, sandbox));
      if (!observation) return;
      // The app has rendered its header by the time it shows registry answers. What the app's data says comes
      // first; the header (read at each answer: signing in as another company changes it) is the fallback.
      const company = signedInCompany(document);
      if (company?.cbe && companySent !== company.cbe) {
        companySent = company.cbe;
        void callArchive('ebox.companySeen', company).catch((e: unknown) => console.error('[e-Box Keeper] could not record the company', e));
      }
      if (!observation.enterprise && company?.cbe) observation.enterprise = { cbe: company.cbe, ...(company.name ? { name: company.name } : {}) };
      if (observation.kind === 'malformed') {
        console.warn('[e-Box Keeper] registry answer not understood:', observation.errors);
        return;
      }
      if (observation.kind === 'messages') {
        store.update((s) => void (s.list = { listUrl: observation.listUrl, ...(observation.totalItems !== undefined ? { totalItems: observation.totalItems } : {}) }));
        for (const e of observation.errors) console.warn('[e-Box Keeper] message skipped:', e);
      }
      void callArchive('registry.observed', observation).then(
        (views) => store.update((s) => views.forEach((v) => s.filing.set(v.messageId, v))),
        (e: unknown) => console.error('[e-Box Keeper] could not record messages', e),
      );
    },
    { signal },
  );
  void callArchive('labels.list').then((labels) => store.update((s) => void (s.labels = labels)), () => {});
  const setJobs = (jobs: BulkJob[] | undefined) => store.update((s) => void (s.jobs = jobs ?? []));
  void readLocal<BulkJob[]>(JOBS_STORAGE_KEY).then(setJobs);
  watchLocal<BulkJob[]>(JOBS_STORAGE_KEY, (jobs) => {
    setJobs(jobs);
    // Archived messages change their chips when a job finishes a batch.
    const ids = [...store.get().filing.keys()];
    if (ids.length) void callArchive('filing.get', { ids }).then((views) => store.update((s) => views.forEach((v) => s.filing.set(v.messageId, v))));
  }, signal);
}
