// From an opening to its receipt, in the service worker, whoever opened the message (the app in a tab, a bulk job, a
// rule) and whether or not any panel shows it. The opening is written down first (openings.ts); then, once the data
// says the message is registered or qualified, it is archived if need be and acknowledged with the time of the first
// opening. What stops it (no helper, a document the e-Box refuses, the setting off) is kept as the reason a later
// receipt gives; pending openings are tried again when the worker starts, when the helper is paired and when the
// message is seen again.
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { Language } from '../../../shared/ebox/model.ts';
import type { ArchiveDb } from '../archive/db.ts';
import type { MessageOpening } from '../ebox-adapter/page-facts.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import { HelperClientError, type HelperClient } from '../helper-client/helper-client.ts';
import { DocumentsUnavailableError, type Acknowledger } from './acknowledge.ts';
import { receiptParty, receiptTiming, type OpeningEntry, type OpeningLog } from './openings.ts';
import { firstReceipt } from './proof-status.ts';
import type { Opening } from './proofs-api.ts';

export interface OpeningServiceDeps {
  db: ArchiveDb;
  log: OpeningLog;
  acknowledge: Acknowledger;
  helper: () => Promise<HelperClient | undefined>;
  settings: () => Promise<{ acknowledgeOnOpen: boolean; nameOnReceipts: string }>;
  /** The receipt PDF's language. */
  language: () => Promise<Language>;
  /** The company the archive record names, once records carry one. */
  enterpriseOf?: (messageId: string) => Promise<Enterprise | undefined>;
  now?: () => Date;
}

export type Settled = 'acknowledged' | 'already' | 'waiting-for-data' | 'not-registered' | 'failed' | 'none';

/** The extension's own clock decides: a page may claim any time, but not one in the future or long before it said so. */
export function trustedOpeningTime(claimed: string | undefined, receivedAt: Date, toleranceMs = 60_000): string {
  const at = claimed ? Date.parse(claimed) : NaN;
  if (!Number.isFinite(at) || at > receivedAt.getTime() || at < receivedAt.getTime() - toleranceMs) return receivedAt.toISOString();
  return new Date(at).toISOString();
}

export function createOpeningService(deps: OpeningServiceDeps) {
  const now = deps.now ?? (() => new Date());

  const fail = async (messageId: string, e: unknown): Promise<Settled> => {
    const message = e instanceof Error ? e.message : String(e);
    const reason =
      e instanceof DocumentsUnavailableError ? 'documents-unavailable'
      : e instanceof HelperClientError && e.failure === 'unpaired' ? 'helper-not-paired'
      : 'helper-unavailable';
    await deps.log.failed(messageId, reason, message, now());
    return 'failed';
  };

  /** Acknowledges the opening of one message if it can now; `onDemand`: the user asked, whatever the setting. */
  const settle = async (messageId: string, onDemand = false): Promise<Settled> => {
    let entry: OpeningEntry | undefined = await deps.log.get(messageId);
    if (!entry && !onDemand) return 'none';
    const record = await deps.db.messages.get(messageId);
    if (!record) return 'waiting-for-data';
    const kind = registeredKindOf(record.message);
    if (!kind || kind === 'simple') {
      if (entry) await deps.log.forget(messageId);
      return 'not-registered';
    }
    if (entry && entry.kind !== kind) await deps.log.classify(messageId, kind);
    const settings = await deps.settings();
    if (!onDemand && entry?.consent === 'setting' && !settings.acknowledgeOnOpen) {
      await deps.log.failed(messageId, 'acknowledge-off', 'acknowledging on opening is switched off', now());
      return 'failed';
    }
    const client = await deps.helper();
    if (!client) {
      if (entry) await deps.log.failed(messageId, 'helper-not-paired', 'e-Box Keeper is not paired with the helper', now());
      return 'failed';
    }
    try {
      if (firstReceipt(await client.receiptsForMessage(messageId))) {
        if (entry) await deps.log.forget(messageId);
        return 'already';
      }
      // Acknowledged on demand with no opening seen: archiving it now is the opening.
      entry ??= await deps.log.record({ base: record.registryBase ?? '', messageId, at: now().toISOString(), by: 'page' }, 'chosen');
      const party = receiptParty(entry, await deps.enterpriseOf?.(messageId), settings.nameOnReceipts);
      const opening: Opening = { messageId, kind, ...receiptTiming(entry, now()), ...party, language: await deps.language() };
      await deps.acknowledge(client, opening);
      await deps.log.forget(messageId);
      return 'acknowledged';
    } catch (e) {
      return fail(messageId, e);
    }
  };

  return {
    settle,
    /** Something fetched a message's body or content: write it down, then acknowledge when the data allows. */
    async opened(opening: MessageOpening, consent: OpeningEntry['consent'] = 'setting'): Promise<Settled> {
      await deps.log.record(opening, consent);
      return settle(opening.messageId);
    },
    /** Only writes the opening down (a job about to fetch): the receipt follows once the job has archived it. */
    record: (opening: MessageOpening, consent: OpeningEntry['consent'] = 'setting') => deps.log.record(opening, consent),
    /** Messages newly seen or archived: any opening of theirs waiting for data or for the archive can go on. */
    async seen(ids: readonly string[]): Promise<void> {
      for (const id of ids) if (await deps.log.get(id)) await settle(id);
    },
    async retryAll(): Promise<void> {
      for (const e of await deps.log.pending()) await settle(e.messageId);
    },
    pendingOpening: (messageId: string) => deps.log.get(messageId),
  };
}

export type OpeningService = ReturnType<typeof createOpeningService>;
