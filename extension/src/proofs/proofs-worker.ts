// The proofs' service-worker side: answers the proof views (view, acknowledge, fetch evidences, download), turns
// every opening into its receipt (opening-service.ts) and follows the archive, so archiving a qualified registered
// message from anywhere fetches its evidences. The archive worker serves the methods (messaging/protocol.ts);
// background.ts registers the evidence follower.
import type { ReceiptRecord } from '../../../shared/helper-api/index.ts';
import { onMessageArchived, type ArchiveOutcome } from '../archive/archive-message.ts';
import { sharedArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import { HelperClient, HelperClientError } from '../helper-client/helper-client.ts';
import { hasHostAccess, hostResolver, onHostAccessChanged, openExtensionTab, readLocal, writeLocal } from '../platform/runtime.ts';
import { pairedHelperClient } from '../settings/helper-connection.ts';
import { loadSettings } from '../settings/settings-store.ts';
import { createAcknowledger } from './acknowledge.ts';
import { createOpeningService, type OpeningService } from './opening-service.ts';
import { createOpeningLog, type OpeningEntry, type OpeningStore } from './openings.ts';
import { LANGUAGES, type Language } from '../../../shared/ebox/model.ts';
import { createEvidenceFetcher, type EvidenceFetcher, type EvidenceProblemLog } from './evidence-fetch.ts';
import { checkInclusion, type InclusionStatus } from './inclusion-check.ts';
import { evidenceChain, firstReceipt, receiptView, type EvidenceProblem, type ProofView, type RegisteredKind } from './proof-status.ts';
import { isAlarm, witnessCheckpoint, type LogStatus, type WitnessedCheckpoint } from './log-witness.ts';
import { saveFromHelper } from '../helper-client/helper-downloads.ts';
import type { ProofQuery, ProofsApi } from './proofs-api.ts';
import type { Handlers } from '../messaging/server.ts';

const PROBLEMS_KEY = 'proofs.evidenceProblems';
/** Enough for every qualified message a company opens in months; older entries are dropped first. */
const PROBLEMS_KEPT = 200;

type ProblemEntries = Record<string, { at: string; problems: EvidenceProblem[] }>;

const problemLog: EvidenceProblemLog = {
  async load(messageId) {
    return (await readLocal<ProblemEntries>(PROBLEMS_KEY))?.[messageId];
  },
  async save(messageId, problems) {
    const entries = { ...(await readLocal<ProblemEntries>(PROBLEMS_KEY)) };
    delete entries[messageId];
    entries[messageId] = { at: new Date().toISOString(), problems };
    await writeLocal(PROBLEMS_KEY, Object.fromEntries(Object.entries(entries).slice(-PROBLEMS_KEPT)));
  },
};


/** The receipt's proof checked against its own checkpoint (a fresh proof at that size when they differ). */
async function inclusionOf(client: HelperClient, record: ReceiptRecord): Promise<InclusionStatus> {
  const proof = record.inclusion.treeSize === record.checkpoint.treeSize ? record.inclusion : await client.receiptInclusion(record.receiptId, record.checkpoint.treeSize);
  return checkInclusion(proof, record.checkpoint);
}

const LOG_WITNESS_KEY = 'proofs.logWitness';

/** The helper's newest checkpoint against the last one this browser verified; the newer one is kept when it extends it. */
async function logStatus(client: HelperClient): Promise<LogStatus | undefined> {
  const current = await client.checkpoint().catch((e: unknown) => {
    if (e instanceof HelperClientError && e.status === 404) return undefined; // an empty store: nothing to witness yet
    throw e;
  });
  if (!current) return undefined;
  const saved = await readLocal<WitnessedCheckpoint>(LOG_WITNESS_KEY);
  const { status, keep } = await witnessCheckpoint(saved, current, (from, to) => client.consistency(from, to));
  if (keep && keep !== saved) await writeLocal(LOG_WITNESS_KEY, keep);
  if (isAlarm(status)) console.error('[e-Box Keeper] the helper log does not extend the last verified checkpoint', status);
  return status;
}

interface Services {
  openings: OpeningService;
  evidences: EvidenceFetcher;
}

// One fetcher per service worker, shared by the panel's requests and the archive follower, so the same message's
// evidences are never fetched twice at once.
let fetcher: EvidenceFetcher | undefined;
const resolveHost = hostResolver();
const evidenceFetcher = (db: ArchiveDb) =>
  (fetcher ??= createEvidenceFetcher({
    db,
    fetch: (input, init) => fetch(input, init),
    problems: problemLog,
    helper: pairedHelperClient,
    sandboxProvider: import.meta.env.WXT_EBOX_SANDBOX === '1',
    permitted: hasHostAccess,
    ...(resolveHost ? { resolveHost } : {}),
  }));

const OPENINGS_KEY = 'proofs.openings';
const openingStore: OpeningStore = {
  load: async () => (await readLocal<Record<string, OpeningEntry>>(OPENINGS_KEY)) ?? {},
  save: (entries) => writeLocal(OPENINGS_KEY, entries),
};

async function proofView(s: Services, db: ArchiveDb, query: ProofQuery, action: 'none' | 'acknowledge' | 'fetch-evidences' = 'none'): Promise<ProofView> {
  const settings = await loadSettings();
  const record = await db.messages.get(query.messageId);
  const known = record && registeredKindOf(record.message);
  const kind: RegisteredKind = known === 'qualified' ? 'qualified' : 'registered';
  const pending = async () => {
    const entry = await s.openings.pendingOpening(query.messageId);
    return entry ? { opening: { at: entry.at, by: entry.by, ...(entry.failure ? { failure: { reason: entry.failure.reason, message: entry.failure.message } } : {}) } } : {};
  };
  const base = { messageId: query.messageId, kind, acknowledgeOnOpen: settings.acknowledgeOnOpen };
  const emptyChain = kind === 'qualified' ? { evidence: { steps: evidenceChain([]) } } : {};
  const client = await pairedHelperClient();
  if (!client) return { ...base, helper: { state: 'not-paired' }, ...emptyChain, ...(await pending()) };
  try {
    if (action === 'acknowledge') await s.openings.settle(query.messageId, true);
    const receipts = await client.receiptsForMessage(query.messageId);
    const waiting = await s.openings.pendingOpening(query.messageId);
    const acknowledgeError = action === 'acknowledge' && !receipts.length ? waiting?.failure?.message : undefined;
    const first = firstReceipt(receipts);
    let evidence: ProofView['evidence'];
    if (kind === 'qualified') {
      // Archiving (the acknowledgement's, or the user's) may be fetching them right now: show its result.
      await (action === 'fetch-evidences' ? s.evidences.fetch(query.messageId) : s.evidences.pending(query.messageId));
      const log = await problemLog.load(query.messageId);
      evidence = { steps: evidenceChain(await client.evidenceForMessage(query.messageId), log?.problems), ...(log ? { lastFetch: log.at } : {}) };
    }
    const log = await logStatus(client);
    return {
      ...base,
      helper: { state: 'connected' },
      ...(log ? { log } : {}),
      ...(first ? { receipt: receiptView(first, await inclusionOf(client, first)) } : await pending()),
      ...(acknowledgeError ? { acknowledgeError } : {}),
      ...(evidence ? { evidence } : {}),
    };
  } catch (e) {
    if (!(e instanceof HelperClientError)) throw e;
    const helper: ProofView['helper'] = e.failure === 'unpaired' ? { state: 'not-paired' } : { state: 'unavailable', failure: e.failure, message: e.message };
    return { ...base, helper, ...emptyChain, ...(await pending()) };
  }
}

/** The receipt's language: the one the user chose for the extension, else the browser's, else French. */
async function receiptLanguage(): Promise<Language> {
  const chosen = (await loadSettings()).language;
  if (chosen !== 'auto') return chosen;
  const ui = (globalThis.navigator?.language ?? 'fr').slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(ui) ? (ui as Language) : 'fr';
}

/** The proof methods and the openings, served by the archive worker with its database and its archive-one-message. */
export function createProofsWorker(deps: { db: ArchiveDb; archive: (messageId: string, by?: string) => Promise<ArchiveOutcome> }): { handlers: Handlers<keyof ProofsApi>; openings: OpeningService } {
  const openings = createOpeningService({
    db: deps.db,
    log: createOpeningLog(openingStore),
    acknowledge: createAcknowledger(deps),
    helper: pairedHelperClient,
    settings: async () => {
      const s = await loadSettings();
      return { acknowledgeOnOpen: s.acknowledgeOnOpen, nameOnReceipts: s.nameOnReceipts };
    },
    language: receiptLanguage,
  });
  const s: Services = { openings, evidences: evidenceFetcher(deps.db) };
  // Whatever archives a message (a job that opened it, the user), an opening waiting for the archive goes on.
  onMessageArchived((message, outcome) => {
    if (outcome.status === 'archived') void openings.seen([message.messageId]).catch((e: unknown) => console.error('[e-Box Keeper] receipt of', message.messageId, e));
  });
  // Openings the last worker could not acknowledge (helper away, browser closed): try again now.
  void openings.retryAll().catch((e: unknown) => console.error('[e-Box Keeper] pending receipts', e));
  const handlers: Handlers<keyof ProofsApi> = {
    'proofs.forMessage': (query) => proofView(s, deps.db, query),
    'proofs.acknowledge': (query) => proofView(s, deps.db, query, 'acknowledge'),
    'proofs.fetchEvidences': (query) => proofView(s, deps.db, query, 'fetch-evidences'),
    'proofs.download': async ({ file, receiptId, leafIndex }) => {
      const client = await pairedHelperClient();
      if (!client) throw new Error('e-Box Keeper is not paired with the local helper');
      let path: string;
      let filename: string;
      if (file === 'receipt.pdf' || file === 'receipt.zip' || file === 'receipt.p7s') {
        if (!receiptId) throw new Error('receiptId is required');
        path = `/receipts/${encodeURIComponent(receiptId)}/${file}`;
        filename = `receipt-${receiptId}.${file.slice('receipt.'.length)}`;
      } else {
        if (leafIndex === undefined) throw new Error('leafIndex is required');
        path = `/evidence/${leafIndex}/${file}`;
        filename = file === 'report.pdf' ? `evidence-report-${leafIndex}.pdf` : `evidence-${leafIndex}.xml`;
      }
      await saveFromHelper(client, path, filename);
      return { filename };
    },
    'proofs.openSettings': () => openExtensionTab('/options.html'),
  };
  return { handlers, openings };
}

/** Archiving a qualified registered message (overlay, bulk, rules, popup) fetches its evidences. */
export function registerProofsWorker(): void {
  onMessageArchived((message, outcome) => {
    if (outcome.status !== 'archived' || registeredKindOf(message) !== 'qualified') return;
    evidenceFetcher(sharedArchiveDb())
      .fetch(message.messageId)
      .catch((e: unknown) => console.error('[e-Box Keeper] evidences of', message.messageId, e));
  });
  // The user allowed a QERDS provider's origin: the evidences that waited for it are fetched now.
  onHostAccessChanged(() => {
    void (async () => {
      const entries = (await readLocal<ProblemEntries>(PROBLEMS_KEY)) ?? {};
      for (const [messageId, { problems }] of Object.entries(entries)) {
        const origins = new Set(problems.flatMap((p) => (p.reason === 'not-permitted' && p.origin ? [p.origin] : [])));
        for (const origin of origins) {
          if (await hasHostAccess(origin)) {
            await evidenceFetcher(sharedArchiveDb()).fetch(messageId);
            break;
          }
        }
      }
    })().catch((e: unknown) => console.error('[e-Box Keeper] evidences after a permission', e));
  });
}
