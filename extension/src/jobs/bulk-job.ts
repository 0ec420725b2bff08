// A bulk archive job, persisted every half second, so a stopped service worker resumes about where it was. Each
// message is archived in its own transaction; on resume, messages already archived are skipped without a fetch, and
// one interrupted half-way is simply archived again (archiving twice keeps one copy). Fetching a registered
// message's documents opens it in the e-Box's sense: the job says so first (onOpening, before the first fetch), and
// before opening any UNREAD registered or qualified mail it waits for the user's choice: archive and acknowledge
// them, or skip them.
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { archiveMessage, type DocumentFetcher } from '../archive/archive-message.ts';
import type { ArchiveDb } from '../archive/db.ts';
import { isArchivedRecord, recordSeen, type SeenInput } from '../archive/messages.ts';
import { resolveNames } from '../archive/names.ts';
import type { MessageRecord } from '../archive/records.ts';
import { ArchiveStorageError } from '../archive/storage-error.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';

const SAVE_EVERY_MS = 500;

export type BulkJobStatus = 'running' | 'awaiting-choice' | 'paused' | 'done' | 'cancelled' | 'failed';

/** What to do with unread registered or qualified mail: archive it (which opens it) and acknowledge, or skip it. */
export type UnreadRegisteredChoice = 'acknowledge' | 'skip';

export interface BulkJob {
  id: string;
  status: BulkJobStatus;
  createdAt: string;
  /** Who archives the messages of `enterprise`; other companies' messages are archived in their own last user's name. */
  by: string;
  /** The company whose e-Box started the job (a listing is that company's mail); absent when ids span companies. */
  enterprise?: string;
  /** Who started it, for receipts: the person signed in, when known. */
  person?: string;
  /** A rule's job or the user's. */
  origin: 'user' | 'rule';
  /** The user's choice for unread registered mail; until given, the job waits before opening any. */
  unreadRegistered?: UnreadRegisteredChoice;
  /** Unread registered or qualified messages the job would open: what the user is asked about. */
  awaiting?: string[];
  /** Messages left alone because the user chose to skip unread registered mail. */
  skipped?: string[];
  /** "Everything matching the current filter": the registry list still to walk, page by page. */
  listing?: { url: string; nextPage: number; totalItems?: number };
  pending: string[];
  total: number;
  done: number;
  bytes: number;
  failed: { messageId: string; reason: string }[];
  /** Time spent working, so time left is estimated from this job's own pace. */
  activeMs: number;
  error?: string;
}

export interface JobDeps {
  db: ArchiveDb;
  fetchDocument: DocumentFetcher;
  /** Fetches one page of the registry list the job walks; returns the messages (wire + normalised). */
  listPage: (url: string, page: number, signal: AbortSignal) => Promise<{ items: { message: EboxMessage; wire: unknown; registryBase: string }[]; totalItems?: number; last: boolean }>;
  onProgress: (job: BulkJob) => void;
  /** The company the registry session of `registryBase` is signed in as now. */
  sessionCompany?: (registryBase: string) => Promise<string>;
  /** Who archives for a company other than the job's. */
  userOf?: (company: string) => Promise<string>;
  /** A registered message is about to be fetched, which opens it: write the opening down first. */
  onOpening?: (record: MessageRecord, job: BulkJob, at: Date) => Promise<void>;
  now?: () => number;
  /** Messages archived at the same time: documents download while others are hashed and written. */
  concurrency?: number;
}

export function newJob(input: { ids?: string[]; listUrl?: string; by: string; person?: string; enterprise?: string; origin?: BulkJob['origin']; unreadRegistered?: UnreadRegisteredChoice; now?: Date }): BulkJob {
  const ids = [...new Set(input.ids ?? [])];
  return {
    id: crypto.randomUUID(),
    status: 'running',
    createdAt: (input.now ?? new Date()).toISOString(),
    by: input.by,
    ...(input.person ? { person: input.person } : {}),
    ...(input.enterprise ? { enterprise: input.enterprise } : {}),
    origin: input.origin ?? 'user',
    ...(input.unreadRegistered ? { unreadRegistered: input.unreadRegistered } : {}),
    ...(input.listUrl ? { listing: { url: input.listUrl, nextPage: 1 } } : {}),
    pending: ids,
    total: ids.length,
    done: 0,
    bytes: 0,
    failed: [],
    activeMs: 0,
  };
}

/** Estimated milliseconds left, from this job's own pace; undefined before the first message. */
export function timeLeftMs(job: BulkJob): number | undefined {
  if (!job.done || job.listing) return undefined;
  return (job.activeMs / job.done) * job.pending.length;
}

/** Whether fetching this message's documents would open registered or qualified mail nobody has read yet. */
export function opensUnreadRegistered(record: MessageRecord): boolean {
  const kind = registeredKindOf(record.message);
  return !record.message.read && (kind === 'registered' || kind === 'qualified') && !isArchivedRecord(record);
}

/** The user answered: carry on with unread registered mail acknowledged, or without it. */
export function chooseUnreadRegistered(job: BulkJob, choice: UnreadRegisteredChoice): BulkJob {
  if (job.status !== 'awaiting-choice') throw new Error('This job is not waiting for a choice');
  const awaiting = new Set(job.awaiting ?? []);
  const next: BulkJob = { ...job, status: 'running', unreadRegistered: choice };
  delete next.awaiting;
  if (choice === 'skip') {
    next.pending = job.pending.filter((id) => !awaiting.has(id));
    next.skipped = [...(job.skipped ?? []), ...awaiting];
    next.total -= job.pending.length - next.pending.length;
  }
  return next;
}

async function walkListing(deps: JobDeps, job: BulkJob, signal: AbortSignal): Promise<void> {
  while (job.listing && !signal.aborted) {
    const { url, nextPage } = job.listing;
    const page = await deps.listPage(url, nextPage, signal);
    // The listing is the job's company's mail only while its session is still signed in as that company.
    const serving = new Map<string, string>();
    for (const base of new Set(page.items.map((i) => i.registryBase))) serving.set(base, (await deps.sessionCompany?.(base)) ?? UNKNOWN_ENTERPRISE);
    if (job.enterprise && [...serving.values()].some((c) => c !== job.enterprise)) throw new Error('The e-Box is now signed in as another company: this listing stopped so that no message is filed under the wrong company');
    const names = await resolveNames(deps.db, page.items.map((i) => i.message));
    const inputs: SeenInput[] = page.items.map((i, n) => ({ message: i.message, wire: i.wire, registryBase: i.registryBase, names: names[n] ?? {}, enterprise: serving.get(i.registryBase)! }));
    const records = await recordSeen(deps.db, inputs);
    const add = records.filter((r) => !isArchivedRecord(r) && !job.pending.includes(r.messageId)).map((r) => r.messageId);
    job.pending.push(...add);
    job.total += add.length;
    if (page.last || !page.items.length) delete job.listing;
    else job.listing = { url, nextPage: nextPage + 1, ...(page.totalItems !== undefined ? { totalItems: page.totalItems } : {}) };
    await deps.db.jobs.put(job);
    deps.onProgress(job);
  }
}

export async function runJob(deps: JobDeps, jobId: string, signal: AbortSignal): Promise<BulkJob> {
  const now = deps.now ?? (() => performance.now());
  const loaded = await deps.db.jobs.get(jobId);
  if (!loaded) throw new Error(`No bulk job ${jobId}`);
  const job: BulkJob = loaded;
  if (job.status !== 'running') return job;
  try {
    await walkListing(deps, job, signal);
    if (signal.aborted) return job;
    if (!job.unreadRegistered) {
      const unread = (await deps.db.messages.bulkGet(job.pending)).filter((r): r is MessageRecord => !!r && opensUnreadRegistered(r)).map((r) => r.messageId);
      if (unread.length) {
        job.status = 'awaiting-choice';
        job.awaiting = unread;
        await deps.db.jobs.put(job);
        deps.onProgress(job);
        return job;
      }
    }
    const workers = Math.max(1, deps.concurrency ?? 6);
    const queue = [...job.pending];
    const finished = new Set<string>();
    let savedAt = now();
    const save = async (force: boolean) => {
      if (!force && now() - savedAt < SAVE_EVERY_MS) return;
      savedAt = now();
      job.pending = job.pending.filter((p) => !finished.has(p));
      finished.clear();
      await deps.db.jobs.put(job);
    };
    // Records are read a hundred at a time ahead of the workers, not one read per message.
    const ahead = new Map<string, Promise<MessageRecord | undefined>>();
    const recordOf = (id: string) => {
      if (!ahead.has(id)) {
        const batch = [id, ...queue.slice(0, 99)].filter((x) => !ahead.has(x));
        const read = deps.db.messages.bulkGet(batch);
        batch.forEach((x, i) => ahead.set(x, read.then((rs) => rs[i])));
      }
      const r = ahead.get(id)!;
      ahead.delete(id);
      return r;
    };
    const worker = async () => {
      while (!signal.aborted) {
        const id = queue.shift();
        if (id === undefined) return;
        const started = now();
        const record = await recordOf(id);
        // Written to the archive: counted even when a cancel comes right after, so the job tells what was archived.
        let written = false;
        try {
          if (!record) throw new Error('not seen in the e-Box: open the e-Box inbox so the extension learns it');
          if (isArchivedRecord(record)) continue;
          const by = !job.enterprise || record.enterprise === job.enterprise ? job.by : ((await deps.userOf?.(record.enterprise)) ?? 'e-Box Keeper');
          let opening: Promise<void> | undefined;
          const fetchDocument: DocumentFetcher = async (m, d, s) => {
            if (deps.onOpening && registeredKindOf(record.message) && registeredKindOf(record.message) !== 'simple') await (opening ??= deps.onOpening(record, job, new Date()));
            return deps.fetchDocument(m, d, s);
          };
          const outcome = await archiveMessage(deps.db, { message: record.message, names: record.names, enterprise: record.enterprise, by, ...(record.registryBase ? { registryBase: record.registryBase } : {}) }, fetchDocument, { signal });
          written = true;
          job.bytes += outcome.bytes;
          if (outcome.status === 'partial') job.failed.push({ messageId: id, reason: outcome.missing.map((m) => `${m.fileName}: ${m.reason}`).join('; ') });
        } catch (e) {
          if (signal.aborted) return;
          // A full disk stops the whole job: later messages would fail the same way.
          if (e instanceof ArchiveStorageError) throw e;
          job.failed.push({ messageId: id, reason: e instanceof Error ? e.message : String(e) });
        } finally {
          if (!signal.aborted || written) {
            finished.add(id);
            job.done++;
            job.activeMs += (now() - started) / workers;
          }
        }
        if (signal.aborted) return;
        await save(false);
        deps.onProgress(job);
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    job.pending = job.pending.filter((p) => !finished.has(p));
    if (!signal.aborted) job.status = 'done';
  } catch (e) {
    if (!signal.aborted) {
      job.status = 'failed';
      job.error = e instanceof Error ? e.message : String(e);
    }
  }
  // A cancel wrote its own status, which stays; the counts are this run's, so the user learns what was archived.
  const current = await deps.db.jobs.get(jobId);
  if (current?.status === 'cancelled') {
    const cancelled: BulkJob = { ...job, status: 'cancelled', pending: job.pending };
    await deps.db.jobs.put(cancelled);
    deps.onProgress(cancelled);
    return cancelled;
  }
  await deps.db.jobs.put(job);
  deps.onProgress(job);
  return job;
}
