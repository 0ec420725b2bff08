// The proofs' service-worker side: answers the proof panel (view, acknowledge, fetch evidences, download) and
// follows the archive, so archiving a qualified registered message from anywhere fetches its evidences. The
// archive worker serves the methods (messaging/protocol.ts); background.ts registers the archive follower.
import type { ReceiptRecord } from '../../../shared/helper-api/index.ts';
import { onMessageArchived, type ArchiveOutcome } from '../archive/archive-message.ts';
import { sharedArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { registeredKindOf } from '../ebox-adapter/qerds-provider.ts';
import { HelperClient, HelperClientError } from '../helper-client/helper-client.ts';
import { openExtensionTab, readLocal, writeLocal } from '../platform/runtime.ts';
import { pairedHelperClient } from '../settings/helper-connection.ts';
import { loadSettings } from '../settings/settings-store.ts';
import { createAcknowledger } from './acknowledge.ts';
import { createEvidenceFetcher, type EvidenceFetcher, type EvidenceProblemLog } from './evidence-fetch.ts';
import { checkInclusion, type InclusionStatus } from './inclusion-check.ts';
import { isAlarm, witnessCheckpoint, type LogStatus, type WitnessedCheckpoint } from './log-witness.ts';
import { evidenceChain, firstReceipt, receiptView, shouldAcknowledge, type EvidenceProblem, type ProofView } from './proof-status.ts';
import { saveFromHelper } from '../helper-client/helper-downloads.ts';
import type { Opening, ProofsApi } from './proofs-api.ts';

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
  acknowledge: ReturnType<typeof createAcknowledger>;
  evidences: EvidenceFetcher;
}

// One fetcher per service worker, shared by the panel's requests and the archive follower, so the same message's
// evidences are never fetched twice at once.
let fetcher: EvidenceFetcher | undefined;
const evidenceFetcher = (db: ArchiveDb) =>
  (fetcher ??= createEvidenceFetcher({
    db,
    fetch: (input, init) => fetch(input, init),
    problems: problemLog,
    helper: pairedHelperClient,
    sandboxProvider: import.meta.env.WXT_EBOX_SANDBOX === '1',
  }));

type Trigger = 'opened' | 'on-demand' | 'none';

async function proofView(s: Services, opening: Opening, trigger: Trigger, fetchEvidences = false): Promise<ProofView> {
  const settings = await loadSettings();
  const base = { messageId: opening.messageId, kind: opening.kind, acknowledgeOnOpen: settings.acknowledgeOnOpen };
  const emptyChain = opening.kind === 'qualified' ? { evidence: { steps: evidenceChain([]) } } : {};
  const client = await pairedHelperClient();
  if (!client) return { ...base, helper: { state: 'not-paired' }, ...emptyChain };
  try {
    let receipts = await client.receiptsForMessage(opening.messageId);
    let acknowledgeError: string | undefined;
    if (trigger !== 'none' && shouldAcknowledge(receipts, trigger, settings.acknowledgeOnOpen)) {
      try {
        receipts = [await s.acknowledge(client, opening)];
      } catch (e) {
        if (e instanceof HelperClientError && e.failure !== 'refused') throw e;
        acknowledgeError = e instanceof Error ? e.message : String(e);
      }
    }
    const first = firstReceipt(receipts);
    let evidence: ProofView['evidence'];
    if (opening.kind === 'qualified') {
      // Archiving (the acknowledgement's, or the user's) may be fetching them right now: show its result.
      await (fetchEvidences ? s.evidences.fetch(opening.messageId) : s.evidences.pending(opening.messageId));
      const log = await problemLog.load(opening.messageId);
      evidence = { steps: evidenceChain(await client.evidenceForMessage(opening.messageId), log?.problems), ...(log ? { lastFetch: log.at } : {}) };
    }
    const log = await logStatus(client);
    return {
      ...base,
      helper: { state: 'connected' },
      ...(log ? { log } : {}),
      ...(first ? { receipt: receiptView(first, await inclusionOf(client, first)) } : {}),
      ...(acknowledgeError ? { acknowledgeError } : {}),
      ...(evidence ? { evidence } : {}),
    };
  } catch (e) {
    if (!(e instanceof HelperClientError)) throw e;
    const helper: ProofView['helper'] = e.failure === 'unpaired' ? { state: 'not-paired' } : { state: 'unavailable', failure: e.failure, message: e.message };
    return { ...base, helper, ...emptyChain };
  }
}

type ProofHandlers = { [M in keyof ProofsApi]: (params: Parameters<ProofsApi[M]>[0]) => Promise<ReturnType<ProofsApi[M]>> };

/** The proof methods, served by the archive worker with its database and its archive-one-message. */
export function proofHandlers(deps: { db: ArchiveDb; archive: (messageId: string, by: string) => Promise<ArchiveOutcome> }): ProofHandlers {
  const s: Services = { acknowledge: createAcknowledger(deps), evidences: evidenceFetcher(deps.db) };
  return {
    'proofs.forMessage': ({ opened, ...opening }) => proofView(s, opening, opened ? 'opened' : 'none'),
    'proofs.acknowledge': (opening) => proofView(s, opening, 'on-demand'),
    'proofs.fetchEvidences': (opening) => proofView(s, opening, 'none', true),
    'proofs.download': async ({ file, receiptId, leafIndex }) => {
      const client = await pairedHelperClient();
      if (!client) throw new Error('e-Box Keeper is not paired with the local helper');
      let path: string;
      let filename: string;
      if (file === 'receipt.pdf' || file === 'receipt.p7s') {
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
}

/** Archiving a qualified registered message (overlay, bulk, rules, popup) fetches its evidences. */
export function registerProofsWorker(): void {
  onMessageArchived((message, outcome) => {
    if (outcome.status !== 'archived' || registeredKindOf(message) !== 'qualified') return;
    evidenceFetcher(sharedArchiveDb())
      .fetch(message.messageId)
      .catch((e: unknown) => console.error('[e-Box Keeper] evidences of', message.messageId, e));
  });
}
