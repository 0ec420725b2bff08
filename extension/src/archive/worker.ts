// The archive's service-worker side: answers the overlay, popup and archive page, keeps the e-Box session the app
// uses, runs and resumes bulk archive jobs. Registered synchronously from background.ts.
import { rememberCompany } from './ebox-company.ts';
import { archiveMessage, type ArchiveOutcome } from './archive-message.ts';
import { sharedArchiveDb, type ArchiveDb } from './db.ts';
import { fileMessage } from './filing.ts';
import { createLabel } from './labels.ts';
import { isArchived, isArchivedRecord, recordSeen, seenMessages } from './messages.ts';
import { fillMissingNames, rememberNames, resolveNames } from './names.ts';
import type { MessageRecord } from './records.ts';
import { documentFetcher, listPager, setRegistryAccess } from '../ebox-adapter/registry-client.ts';
import { classifyRegistryUrl } from '../ebox-adapter/registry-urls.ts';
import { t } from '../i18n/i18n.ts';
import type { Observation, RegistrySession } from '../ebox-adapter/registry-observations.ts';
import { newJob, runJob, type BulkJob, type JobDeps } from '../jobs/bulk-job.ts';
import type { ArchiveApi, FilingView } from '../messaging/protocol.ts';
import type { ProofsApi } from '../proofs/proofs-api.ts';
import { JOBS_STORAGE_KEY } from '../messaging/protocol.ts';
import { serve, type Handlers } from '../messaging/server.ts';
import { proofHandlers } from '../proofs/proofs-worker.ts';
import { clearAlarm, ensureAlarm, hasHostAccess, onAlarm, openExtensionTab, readLocal, readSession, writeLocal, writeSession } from '../platform/runtime.ts';
import { applyRules } from '../rules/apply.ts';

const SESSIONS_KEY = 'registry.sessions';
/** While a bulk job runs, this alarm wakes a stopped service worker so the job resumes on its own. */
const RESUME_ALARM = 'archive.resume-jobs';
const LAST_USER_KEY = 'archive.lastUser';

export function filingView(r: MessageRecord): FilingView {
  return {
    messageId: r.messageId,
    labels: r.labels,
    tags: r.tags,
    note: r.note,
    archived: isArchivedRecord(r),
    ...(r.integrity ? { integrity: r.integrity } : {}),
    missingDocuments: r.missingDocuments?.length ?? 0,
    ...(r.archivedAt ? { archivedAt: r.archivedAt, archivedBy: r.archivedBy ?? '' } : {}),
  };
}

async function sessionFor(base: string): Promise<RegistrySession | undefined> {
  const sessions = (await readSession<Record<string, string>>(SESSIONS_KEY)) ?? {};
  const authorization = sessions[base];
  return authorization ? { base, authorization } : undefined;
}

async function keepSession(session: RegistrySession): Promise<void> {
  // Any provider the app calls (the federation), whatever its host: the token only ever goes back to that base.
  if (!classifyRegistryUrl(`${session.base}/ebox/messages`)) return;
  const sessions = (await readSession<Record<string, string>>(SESSIONS_KEY)) ?? {};
  if (sessions[session.base] === session.authorization) return;
  await writeSession(SESSIONS_KEY, { ...sessions, [session.base]: session.authorization });
}

let archiveNowImpl: ((messageId: string, by?: string) => Promise<ArchiveOutcome>) | undefined;

/** Archives one message completely, for other service-worker capabilities (expiry's "archive now"); rejects with
 *  a readable error when any document could not be stored. Needs registerArchiveWorker() first. */
export async function archiveNow(messageId: string, by?: string): Promise<ArchiveOutcome> {
  if (!archiveNowImpl) throw new Error('The archive is not running in this context');
  const outcome = await archiveNowImpl(messageId, by);
  if (outcome.status !== 'archived') throw new Error(`Not archived: ${outcome.missing.map((m) => `${m.fileName}: ${m.reason}`).join('; ')}`);
  return outcome;
}

export function registerArchiveWorker(): void {
  const db: ArchiveDb = sharedArchiveDb();
  setRegistryAccess({ permitted: hasHostAccess, refusal: (origin) => t('pagefacts.notPermittedError', origin) });
  const running = new Map<string, AbortController>();
  const snapshots = new Map<string, BulkJob>();
  let publishTimer: ReturnType<typeof setTimeout> | undefined;

  const publish = (job: BulkJob) => {
    snapshots.set(job.id, structuredClone(job));
    const final = job.status !== 'running';
    if (publishTimer && !final) return;
    clearTimeout(publishTimer);
    // At most five updates a second: progress for people, not a storage write per document.
    publishTimer = setTimeout(() => {
      publishTimer = undefined;
      void writeLocal(JOBS_STORAGE_KEY, [...snapshots.values()].slice(-5));
    }, final ? 0 : 200);
  };

  const baseOf = new Map<string, string>();
  const fetchDocument = documentFetcher(sessionFor, (m) => baseOf.get(m.messageId));
  const deps: JobDeps = {
    db,
    fetchDocument: async (m, d, signal) => {
      if (!baseOf.has(m.messageId)) {
        const r = await db.messages.get(m.messageId);
        if (r?.registryBase) baseOf.set(m.messageId, r.registryBase);
      }
      return fetchDocument(m, d, signal);
    },
    listPage: listPager(sessionFor),
    onProgress: publish,
  };

  const start = (job: BulkJob) => {
    if (running.has(job.id)) return;
    const ctl = new AbortController();
    running.set(job.id, ctl);
    void ensureAlarm(RESUME_ALARM, 0.5);
    void runJob(deps, job.id, ctl.signal).finally(() => {
      running.delete(job.id);
      if (!running.size) void clearAlarm(RESUME_ALARM);
    });
  };

  const lastUser = async () => (await readLocal<string>(LAST_USER_KEY)) ?? 'e-Box Keeper';

  const startRulesArchive = async (ids: string[]) => {
    if (!ids.length) return;
    const job = newJob({ ids, by: await lastUser() });
    await db.jobs.put(job);
    start(job);
  };

  const archiveOne = async (messageId: string, by?: string): Promise<ArchiveOutcome> => {
    const r = await db.messages.get(messageId);
    if (!r) throw new Error(`Message ${messageId} has not been seen in the e-Box yet`);
    if (by) await writeLocal(LAST_USER_KEY, by);
    if (r.registryBase) baseOf.set(messageId, r.registryBase);
    return archiveMessage(db, { message: r.message, names: r.names, by: by ?? (await lastUser()), ...(r.registryBase ? { registryBase: r.registryBase } : {}) }, deps.fetchDocument);
  };
  archiveNowImpl = archiveOne;

  const observed = async (o: Observation): Promise<FilingView[]> => {
    if (o.kind === 'malformed') return [];
    if ('session' in o && o.session) await keepSession(o.session);
    if (o.kind === 'names') {
      await rememberNames(db, o.names);
      await fillMissingNames(db, o.names);
      return [];
    }
    const items = o.kind === 'messages' ? o.messages : [o.message];
    const names = await resolveNames(db, items.map((i) => i.message));
    const records = await recordSeen(db, items.map((i, n) => ({ message: i.message, wire: i.wire, names: names[n] ?? {}, registryBase: o.base })));
    for (const r of records) baseOf.set(r.messageId, o.base);
    const run = await applyRules(db, records.map((r) => r.messageId));
    await startRulesArchive(run.toArchive);
    const fresh = run.filed ? await db.messages.bulkGet(records.map((r) => r.messageId)) : records;
    return fresh.filter((r): r is MessageRecord => !!r).map(filingView);
  };

  const handlers: Handlers<keyof ArchiveApi | keyof ProofsApi> = {
    'registry.observed': observed,
    'filing.get': async ({ ids }) => (await db.messages.bulkGet(ids)).filter((r): r is MessageRecord => !!r).map(filingView),
    'filing.set': async ({ messageId, ...change }) => filingView(await fileMessage(db, messageId, change)),
    'labels.list': () => db.labels.toArray(),
    'labels.create': (p) => createLabel(db, p),
    'archive.one': ({ messageId, by }) => archiveOne(messageId, by),
    'archive.bulk': async ({ ids, listUrl, by }) => {
      if (listUrl && classifyRegistryUrl(listUrl)?.kind !== 'messages') throw new Error('Not an e-Box registry list');
      // The popup has no e-Box page to read the user from: it archives for the last user the overlay saw.
      if (by) await writeLocal(LAST_USER_KEY, by);
      const job = newJob({ ...(ids ? { ids } : {}), ...(listUrl ? { listUrl } : {}), by: by ?? (await lastUser()) });
      await db.jobs.put(job);
      publish(job);
      start(job);
      return job;
    },
    'archive.cancel': async ({ jobId }) => {
      await db.jobs.update(jobId, { status: 'cancelled' });
      running.get(jobId)?.abort();
      const job = await db.jobs.get(jobId);
      if (job) publish(job);
      return job;
    },
    'rules.run': async () => {
      const run = await applyRules(db);
      await startRulesArchive(run.toArchive);
      return run;
    },
    'seen.list': () => seenMessages(db),
    'ebox.companySeen': (company) => rememberCompany(company),
    'archive.openPage': () => openExtensionTab('/archive.html'),
    'seen.isArchived': ({ messageId }) => isArchived(db, messageId),
    ...proofHandlers({ db, archive: archiveOne }),
  };
  serve(handlers);

  // A service worker stopped mid-job left it 'running' in the database: carry on where it was.
  const resume = () => void db.jobs.where('status').equals('running').toArray().then((jobs) => jobs.forEach(start));
  onAlarm(RESUME_ALARM, resume);
  resume();
}
