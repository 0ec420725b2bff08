// Listens to the main-world capture of the app's registry answers and to the app's URL: the service worker folds
// them into the tab's facts (page-facts-worker.ts) and records the messages (with the company the facts name);
// the overlay's view of the messages, the labels and the bulk jobs follows. Runs once per page load.
import { normaliseCbe } from '../../../../shared/ebox/enterprise.ts';
import { bridgeMessageSchema } from '../../ebox-adapter/bridge-schema.ts';
import { reportPageEvent } from '../../ebox-adapter/page-facts-client.ts';
import type { PageFacts } from '../../ebox-adapter/page-facts.ts';
import type { PageEvent } from '../../ebox-adapter/page-facts-reducer.ts';
import { bannerCompany } from '../../ebox-adapter/placement.ts';
import { registeredKindOf } from '../../../../shared/ebox/qerds.ts';
import { interpret } from '../../ebox-adapter/registry-observations.ts';
import type { BulkJob } from '../../jobs/bulk-job.ts';
import { callWorker } from '../../messaging/client.ts';
import { JOBS_STORAGE_KEY } from '../../messaging/protocol.ts';
import { onWorkerMessage, readLocal, watchLocal } from '../../platform/runtime.ts';
import { SKELETON_REQUEST } from '../../ebox-adapter/page-facts-api.ts';
import { pageSkeleton } from '../../ebox-adapter/page-skeleton.ts';
import type { OverlayStore } from '../overlay-store.ts';

const now = () => new Date().toISOString();

export function startRegistrySync(store: OverlayStore, signal: AbortSignal): void {
  let companySent = '';
  const setFacts = (facts: PageFacts) => {
    store.update((s) => void (s.facts = facts));
    const e = facts.enterprise;
    // The bundles' report names the company of the last e-Box seen.
    if (e && companySent !== `${e.cbe} ${e.name ?? ''}`) {
      companySent = `${e.cbe} ${e.name ?? ''}`;
      void callWorker('ebox.companySeen', { cbe: e.cbe, ...(e.name ? { name: e.name } : {}) }).catch((err: unknown) => console.error('[e-Box Keeper] could not record the company', err));
    }
  };
  // Events reach the worker in the order they happened: a list, then the content fetched from it.
  let chain: Promise<PageFacts | undefined> = Promise.resolve(undefined);
  const report = (event: PageEvent): Promise<PageFacts | undefined> => {
    chain = chain.then(
      () => reportPageEvent(event).then((f) => (setFacts(f), f)),
      () => reportPageEvent(event).then((f) => (setFacts(f), f)),
    ).catch((e: unknown) => {
      console.error('[e-Box Keeper] could not report what the page loaded', e);
      return undefined;
    });
    return chain;
  };

  let lastUrl = '';
  let lastLang = '';
  const location = () => {
    const lang = document.documentElement.lang;
    if (window.location.href === lastUrl && lang === lastLang) return;
    lastUrl = window.location.href;
    lastLang = lang;
    void report({ type: 'location', url: lastUrl, documentLanguage: lang, at: now() });
  };
  // Routes change without navigation events (pushState, hash routing): the URL is checked on every answer, on
  // history events and when the document's language changes.
  location();
  window.addEventListener('popstate', location, { signal });
  window.addEventListener('hashchange', location, { signal });
  window.addEventListener('wxt:locationchange', location, { signal });
  const langWatch = new MutationObserver(location);
  langWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  signal.addEventListener('abort', () => langWatch.disconnect(), { once: true });

  // A company choice link followed (the real app's selectEnterprise).
  document.addEventListener(
    'click',
    (e) => {
      const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
      if (a && /selectEnterprise/i.test(a.href)) void report({ type: 'selectEnterprise', href: a.href, at: now() });
    },
    { capture: true, signal },
  );

  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      if (event.source !== window || event.origin !== window.location.origin) return;
      const parsed = bridgeMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const captured = parsed.data;
      location();
      const pageUrl = window.location.href;
      void report({ type: 'call', pageUrl, url: captured.url, status: captured.status, ...(captured.body !== undefined ? { body: captured.body } : {}), ...(captured.authorization ? { authorization: captured.authorization } : {}), at: captured.at ?? now() }).then(
        async (reported) => {
          // The header's company, only while the data names none, or names the header's: signing in as another
          // company in the same tab changes the header, and what this answer holds is that company's mail.
          let facts = reported;
          const company = facts && (!facts.enterprise || facts.enterprise.source === 'header') ? bannerCompany(document) : undefined;
          const cbe = normaliseCbe(company?.cbe);
          if (company && cbe && cbe !== facts?.enterprise?.cbe) facts = (await report({ type: 'header', cbe, ...(company.name ? { name: company.name } : {}), at: now() })) ?? facts;
          // Any registry the app calls, whatever its host: the facts say whether it may be fetched from.
          const observation = interpret(captured, pageUrl, () => true, facts?.enterprise);
          if (!observation) return;
          if (observation.kind === 'malformed') {
            console.warn('[e-Box Keeper] registry answer not understood:', observation.errors);
            return;
          }
          if (observation.kind === 'messages' || observation.kind === 'message') {
            const items = observation.kind === 'messages' ? observation.messages : [observation.message];
            store.update((s) => {
              for (const { message } of items) s.messages.set(message.messageId, { subject: message.subject, receiptDate: message.receiptDate, kind: registeredKindOf(message) ?? 'simple' });
              if (observation.kind === 'messages') s.list = { listUrl: observation.listUrl, ...(observation.totalItems !== undefined ? { totalItems: observation.totalItems } : {}) };
            });
          }
          if (observation.kind === 'messages') for (const e of observation.errors) console.warn('[e-Box Keeper] message skipped:', e);
          void callWorker('registry.observed', observation).then(
            (views) => store.update((s) => views.forEach((v) => s.filing.set(v.messageId, v))),
            (e: unknown) => console.error('[e-Box Keeper] could not record messages', e),
          );
        },
      );
    },
    { signal },
  );
  // What the features could place goes to the worker too, for the diagnostics page.
  let placementSent = '{}';
  store.subscribe(() => {
    const placement = JSON.stringify(store.get().placement);
    if (placement === placementSent) return;
    placementSent = placement;
    void report({ type: 'placement', placement: store.get().placement, at: now() });
  }, signal);
  // The diagnostics page asks for the page's skeleton (structure only) to put in its report.
  onWorkerMessage((message, _sender, reply) => {
    if ((message as { kind?: string } | undefined)?.kind !== SKELETON_REQUEST) return false;
    reply({ skeleton: pageSkeleton(document) });
    return false;
  });
  void callWorker('labels.list', {}).then((labels) => store.update((s) => void (s.labels = labels)), () => {});
  const setJobs = (jobs: BulkJob[] | undefined) => store.update((s) => void (s.jobs = jobs ?? []));
  void readLocal<BulkJob[]>(JOBS_STORAGE_KEY).then(setJobs);
  watchLocal<BulkJob[]>(JOBS_STORAGE_KEY, (jobs) => {
    setJobs(jobs);
    // Archived messages change their chips when a job finishes a batch.
    const ids = [...store.get().filing.keys()];
    if (ids.length) void callWorker('filing.get', { ids }).then((views) => store.update((s) => views.forEach((v) => s.filing.set(v.messageId, v))));
  }, signal);
}
