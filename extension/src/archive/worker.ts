// The archive's service-worker side: answers the overlay, popup and archive page, keeps the e-Box session the app
// uses, runs and resumes bulk archive jobs. Registered synchronously from background.ts.
import { normaliseCbe, UNKNOWN_ENTERPRISE, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import { rememberCompany, rememberedCompany } from './ebox-company.ts';
import { companyKeyOf } from './company-scope.ts';
import { rememberCompanySeen } from './companies.ts';
import { archiveMessage, type ArchiveOutcome } from './archive-message.ts';
import { sharedArchiveDb, type ArchiveDb } from './db.ts';
import { fileMessage } from './filing.ts';
import { createLabel, labelsOf } from './labels.ts';
import { isArchived, isArchivedRecord, recordSeen, seenMessages } from './messages.ts';
import { fillMissingNames, rememberNames, resolveNames } from './names.ts';
import type { MessageRecord } from './records.ts';
import { documentFetcher, listPager, setRegistryAccess } from '../ebox-adapter/registry-client.ts';
import { classifyRegistryUrl } from '../ebox-adapter/registry-urls.ts';
import { t } from '../i18n/i18n.ts';
import type { Observation, RegistrySession } from '../ebox-adapter/registry-observations.ts';
import { chooseUnreadRegistered, newJob, runJob, type BulkJob, type JobDeps } from '../jobs/bulk-job.ts';
import type { ArchiveApi, FilingView } from '../messaging/protocol.ts';
import type { ProofsApi } from '../proofs/proofs-api.ts';
import type { PanelApi, PanelMessage } from '../panel/panel-api.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import { JOBS_STORAGE_KEY } from '../messaging/protocol.ts';
import { serve, type Handlers } from '../messaging/server.ts';
import { createProofsWorker } from '../proofs/proofs-worker.ts';
import { trustedOpeningTime } from '../proofs/opening-service.ts';
import { onMessageOpened, pageFactsOf } from '../ebox-adapter/page-facts-worker.ts';
import type { CallSender } from '../messaging/server.ts';
import { loadSettings } from '../settings/settings-store.ts';
import { clearAlarm, ensureAlarm, hasHostAccess, onAlarm, onHostAccessChanged, openExtensionTab, readLocal, readSession, writeLocal, writeSession } from '../platform/runtime.ts';
import { addWaiting, readyToRun, type WaitingArchive } from '../ebox-adapter/permission-waits.ts';
import { applyRules } from '../rules/apply.ts';
import { keepIndexCurrent } from '../search/persisted-index.ts';

const SESSIONS_KEY = 'registry.sessions';
/** Which company each kept session is signed in as: what a listing walked with it is filed under. */
const SESSION_COMPANIES_KEY = 'registry.sessionCompanies';
/** While a bulk job runs, this alarm wakes a stopped service worker so the job resumes on its own. */
const RESUME_ALARM = 'archive.resume-jobs';
/** Per company: who archived last in that company's e-Box (the popup and rules archive in their name). */
const LAST_USER_KEY = 'archive.lastUser';
/** Archive requests waiting for the user to allow a provider's origin (permission-waits.ts). */
const WAITING_KEY = 'archive.waitingForPermission';

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

async function keepSession(session: RegistrySession, company: string): Promise<void> {
  // Any provider the app calls (the federation), whatever its host: the token only ever goes back to that base.
  if (!classifyRegistryUrl(`${session.base}/ebox/messages`)) return;
  const [sessions, companies] = await Promise.all([readSession<Record<string, string>>(SESSIONS_KEY), readSession<Record<string, string>>(SESSION_COMPANIES_KEY)]);
  if (sessions?.[session.base] !== session.authorization) await writeSession(SESSIONS_KEY, { ...sessions, [session.base]: session.authorization });
  if (companies?.[session.base] !== company) await writeSession(SESSION_COMPANIES_KEY, { ...companies, [session.base]: company });
}

async function sessionCompany(base: string): Promise<string> {
  return (await readSession<Record<string, string>>(SESSION_COMPANIES_KEY))?.[base] ?? UNKNOWN_ENTERPRISE;
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
    sessionCompany,
    userOf: (company) => lastUser(company),
    onProgress: publish,
    // The job is about to fetch a registered message: its opening is written down before the first byte.
    onOpening: async (record, job, at) => {
      const enterprise = record.enterprise === UNKNOWN_ENTERPRISE ? undefined : await db.companies.get(record.enterprise);
      await proofs().openings.record(
        { base: record.registryBase ?? '', messageId: record.messageId, at: at.toISOString(), by: job.origin === 'rule' ? 'rule' : 'job', ...(enterprise ? { enterprise: { cbe: enterprise.cbe, ...(enterprise.name ? { name: enterprise.name } : {}) } } : {}), ...(job.person ? { person: job.person } : {}) },
        job.unreadRegistered === 'acknowledge' ? 'chosen' : 'setting',
      );
    },
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

  const lastUserKey = (company: string) => `${LAST_USER_KEY}.${company}`;
  /** Who archives for `company` when no page says: its last user, else the company itself, never another's. */
  const lastUser = async (company: string) => {
    const known = await readLocal<string>(lastUserKey(company));
    if (known) return known;
    const c = company === UNKNOWN_ENTERPRISE ? undefined : await db.companies.get(company);
    return c ? [c.name, `(${c.cbe})`].filter(Boolean).join(' ') : 'e-Box Keeper';
  };

  /** The person signed in, in a tab's facts, when known: receipts of what a job started there opens name them. */
  const personOf = async (tabId: number | undefined): Promise<{ person?: string }> => {
    const facts = tabId !== undefined ? await pageFactsOf(tabId) : undefined;
    return facts?.person ? { person: facts.person } : {};
  };

  /** One archive job per company, each in that company's name. */
  const startRulesArchive = async (ids: string[], tabId?: number) => {
    if (!ids.length) return;
    const party = await personOf(tabId);
    const byCompany = new Map<string, string[]>();
    for (const r of await db.messages.bulkGet(ids)) if (r) byCompany.set(r.enterprise, [...(byCompany.get(r.enterprise) ?? []), r.messageId]);
    for (const [company, companyIds] of byCompany) {
      const job = newJob({ ids: companyIds, by: await lastUser(company), enterprise: company, origin: 'rule', ...party });
      await db.jobs.put(job);
      start(job);
    }
  };

  /** What a job cannot archive for want of a provider's permission is kept, to run once the user allows it. */
  const keepWaiting = async (job: BulkJob) => {
    const common = { by: job.by, ...(job.person ? { person: job.person } : {}), ...(job.enterprise ? { enterprise: job.enterprise } : {}), ...(job.unreadRegistered ? { unreadRegistered: job.unreadRegistered } : {}) };
    const requests: WaitingArchive[] = [];
    if (job.listing) {
      const origin = new URL(job.listing.url).origin;
      if (!(await hasHostAccess(origin))) requests.push({ origin, listUrl: job.listing.url, ...common });
    } else {
      const byOrigin = new Map<string, string[]>();
      for (const r of await db.messages.bulkGet(job.pending)) if (r?.registryBase) byOrigin.set(new URL(r.registryBase).origin, [...(byOrigin.get(new URL(r.registryBase).origin) ?? []), r.messageId]);
      for (const [origin, ids] of byOrigin) if (!(await hasHostAccess(origin))) requests.push({ origin, ids, ...common });
    }
    if (!requests.length) return;
    await writeLocal(WAITING_KEY, requests.reduce(addWaiting, (await readLocal<WaitingArchive[]>(WAITING_KEY)) ?? []));
  };

  /** The user allowed a provider: what waited for it is archived now, in the name of who asked. */
  const runWaiting = async () => {
    const list = (await readLocal<WaitingArchive[]>(WAITING_KEY)) ?? [];
    const permitted = new Set<string>();
    for (const origin of new Set(list.map((w) => w.origin))) if (await hasHostAccess(origin)) permitted.add(origin);
    const { ready, waiting } = readyToRun(list, permitted);
    if (!ready.length) return;
    await writeLocal(WAITING_KEY, waiting);
    for (const w of ready) {
      const job = newJob({ ...(w.ids ? { ids: w.ids } : {}), ...(w.listUrl ? { listUrl: w.listUrl } : {}), by: w.by, ...(w.person ? { person: w.person } : {}), ...(w.enterprise ? { enterprise: w.enterprise } : {}), ...(w.unreadRegistered ? { unreadRegistered: w.unreadRegistered } : {}) });
      await db.jobs.put(job);
      publish(job);
      start(job);
    }
  };
  let waitingRun: Promise<void> = Promise.resolve();
  const afterPermissionChange = () => void (waitingRun = waitingRun.then(runWaiting).catch((e: unknown) => console.error('[e-Box Keeper] archiving what waited for a permission', e)));

  const archiveOne = async (messageId: string, by?: string): Promise<ArchiveOutcome> => {
    const r = await db.messages.get(messageId);
    if (!r) throw new Error(`Message ${messageId} has not been seen in the e-Box yet`);
    if (by) await writeLocal(lastUserKey(r.enterprise), by);
    if (r.registryBase) baseOf.set(messageId, r.registryBase);
    return archiveMessage(db, { message: r.message, names: r.names, enterprise: r.enterprise, by: by ?? (await lastUser(r.enterprise)), ...(r.registryBase ? { registryBase: r.registryBase } : {}) }, deps.fetchDocument);
  };

  const openCompanyKey = async () => companyKeyOf(await rememberedCompany());

  /** The company an observation is filed under: the app's data first, else unknown (never a guess). */
  const companyOf = async (enterprise: Enterprise | undefined): Promise<string> => {
    const key = companyKeyOf(enterprise);
    if (enterprise && key !== UNKNOWN_ENTERPRISE) {
      await rememberCompanySeen(db, enterprise);
      await rememberCompany(enterprise);
    }
    return key;
  };
  archiveNowImpl = archiveOne;
  let proofsWorker: ReturnType<typeof createProofsWorker> | undefined;
  const proofs = () => (proofsWorker ??= createProofsWorker({ db, archive: archiveOne }));

  const observed = async (o: Observation, sender: CallSender): Promise<FilingView[]> => {
    if (o.kind === 'malformed') return [];
    const company = await companyOf(o.enterprise);
    if ('session' in o && o.session) await keepSession(o.session, company);
    if (o.kind === 'names') {
      await rememberNames(db, o.names);
      await fillMissingNames(db, o.names);
      return [];
    }
    const items = o.kind === 'messages' ? o.messages : [o.message];
    const names = await resolveNames(db, items.map((i) => i.message));
    const records = await recordSeen(db, items.map((i, n) => ({ message: i.message, wire: i.wire, names: names[n] ?? {}, registryBase: o.base, enterprise: company })));
    for (const r of records) baseOf.set(r.messageId, o.base);
    keepIndexCurrent(db, company);
    // An opening seen before the message's data (body and detail fetched at once) can now be acknowledged.
    void proofs().openings.seen(records.map((r) => r.messageId)).catch((e: unknown) => console.error('[e-Box Keeper] openings', e));
    const run = await applyRules(db, records.map((r) => r.messageId));
    await startRulesArchive(run.toArchive, sender.tabId);
    const fresh = run.filed ? await db.messages.bulkGet(records.map((r) => r.messageId)) : records;
    return fresh.filter((r): r is MessageRecord => !!r).map(filingView);
  };

  const panelMessage = (r: MessageRecord): PanelMessage => {
    const kind = registeredKindOf(r.message);
    return {
      messageId: r.messageId,
      subject: r.message.subject,
      ...(r.names.sender ? { sender: r.names.sender } : {}),
      receiptDate: r.message.receiptDate,
      read: r.message.read,
      ...(kind === 'registered' || kind === 'qualified' ? { registered: kind } : {}),
      filing: filingView(r),
    };
  };

  const handlers: Handlers<keyof ArchiveApi | keyof ProofsApi | keyof PanelApi> = {
    'panel.view': async ({ tabId }) => {
      const facts = await pageFactsOf(tabId);
      if (!facts) return { listed: [] };
      const ids = [...(facts.listed?.ids ?? []), ...(facts.open ? [facts.open.messageId] : [])];
      const records = new Map((await db.messages.bulkGet(ids)).filter((r): r is MessageRecord => !!r).map((r) => [r.messageId, r]));
      const listed = (facts.listed?.ids ?? []).flatMap((id) => (records.has(id) ? [panelMessage(records.get(id)!)] : []));
      const open = facts.open && records.get(facts.open.messageId);
      return { facts, listed, ...(open ? { open: panelMessage(open) } : {}) };
    },
    'registry.observed': observed,
    'filing.get': async ({ ids }) => (await db.messages.bulkGet(ids)).filter((r): r is MessageRecord => !!r).map(filingView),
    'filing.set': async ({ messageId, ...change }) => {
      const r = await fileMessage(db, messageId, change);
      keepIndexCurrent(db, r.enterprise);
      return filingView(r);
    },
    'labels.list': async (p) => labelsOf(await db.labels.toArray(), p.enterprise ?? (await openCompanyKey())),
    'labels.create': async ({ enterprise, ...p }) => createLabel(db, { ...p, enterprise: enterprise ?? (await openCompanyKey()) }),
    'archive.one': async ({ messageId, by }) => {
      const r = await db.messages.get(messageId);
      if (r?.registryBase && !(await hasHostAccess(new URL(r.registryBase).origin))) {
        await keepWaiting(newJob({ ids: [messageId], by: by ?? (await lastUser(r.enterprise)), enterprise: r.enterprise }));
      }
      return archiveOne(messageId, by);
    },
    'archive.bulk': async ({ ids, listUrl, by, unreadRegistered, tabId }, sender) => {
      if (listUrl && classifyRegistryUrl(listUrl)?.kind !== 'messages') throw new Error('Not an e-Box registry list');
      // A listing is walked with the session of the company signed in now; ids keep each message's own company.
      const base = listUrl ? classifyRegistryUrl(listUrl)?.base : undefined;
      const companies = ids ? new Set((await db.messages.bulkGet(ids)).map((r) => r?.enterprise ?? UNKNOWN_ENTERPRISE)) : new Set<string>();
      const company = base ? await sessionCompany(base) : companies.size === 1 ? [...companies][0]! : undefined;
      // The popup has no e-Box page to read the user from: it archives for each company's last user.
      if (by && company) await writeLocal(lastUserKey(company), by);
      const job = newJob({ ...(ids ? { ids } : {}), ...(listUrl ? { listUrl } : {}), by: by ?? (company ? await lastUser(company) : 'e-Box Keeper'), ...(company ? { enterprise: company } : {}), ...(unreadRegistered ? { unreadRegistered } : {}), ...(await personOf(sender.tabId ?? tabId)) });
      await db.jobs.put(job);
      await keepWaiting(job);
      publish(job);
      start(job);
      return job;
    },
    'archive.choose': async ({ jobId, choice }) => {
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error(`No bulk job ${jobId}`);
      const next = chooseUnreadRegistered(job, choice);
      await db.jobs.put(next);
      publish(next);
      start(next);
      return next;
    },
    'archive.cancel': async ({ jobId }) => {
      await db.jobs.update(jobId, { status: 'cancelled' });
      running.get(jobId)?.abort();
      const job = await db.jobs.get(jobId);
      if (job) publish(job);
      return job;
    },
    'rules.run': async (p) => {
      const run = await applyRules(db, undefined, p.enterprise);
      await startRulesArchive(run.toArchive);
      return run;
    },
    'seen.list': () => seenMessages(db),
    'ebox.companySeen': async (company) => {
      const cbe = normaliseCbe(company.cbe);
      await companyOf(cbe ? { cbe, ...(company.name ? { name: company.name } : {}) } : undefined);
    },
    'archive.openPage': () => openExtensionTab('/archive.html'),
    'seen.isArchived': ({ messageId }) => isArchived(db, messageId),
    ...proofs().handlers,
  };
  serve(handlers);
  // The app opened a registered message (its body or main content fetched, the tab's facts say which): the receipt
  // is made here, whatever the page shows.
  onMessageOpened((opening) => {
    const receivedAt = new Date();
    // Not awaited: the helper's answer must not hold up the tab's next events.
    void (async () => {
      const person = opening.person ?? ((await loadSettings()).nameOnReceipts || undefined);
      await proofs().openings.opened({ ...opening, at: trustedOpeningTime(opening.at, receivedAt), ...(person ? { person } : {}) });
    })().catch((e: unknown) => console.error('[e-Box Keeper] opening of', opening.messageId, e));
  });

  // A service worker stopped mid-job left it 'running' in the database: carry on where it was.
  const resume = () => void db.jobs.where('status').equals('running').toArray().then((jobs) => jobs.forEach(start));
  onAlarm(RESUME_ALARM, resume);
  resume();
  onHostAccessChanged(afterPermissionChange);
}
