// One provider for one account: read the list (new or changed messages since the last run; the whole list now and
// then, and after an interrupted read), keep each message, then download every document still missing with bounded
// parallelism, check it against the registry's digest and keep it by SHA-256, then acknowledge the registered ones
// and fetch the evidences of the qualified ones. Every step is recorded as it ends: a run killed at any point
// resumes where it stopped, and keeps nothing twice.
import { digestCheckOf } from '../../../shared/digest.ts';
import { createHash } from 'node:crypto';
import { normaliseMessage, RegistryDataError } from '../../../shared/ebox/normalise.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import { StorageFullError } from '../store/record-log.ts';
import { LIST_PAGE_SIZE } from '../../../shared/ebox/registry-api.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { DocumentGoneError, type RegistryClient } from './registry-client.ts';
import type { DocumentRow, MessageRow, SyncDb } from './sync-db.ts';

/** How often the whole list is read again, to see changes below the newest page. */
export const FULL_RECHECK_MS = 7 * 24 * 3600_000;

export interface SyncIssue {
  messageId: string;
  attachmentId?: string;
  problem: string;
}

export interface ProviderSyncResult {
  enterprise: string;
  provider: string;
  name: string;
  full: boolean;
  listed: number;
  newMessages: number;
  changedMessages: number;
  documentsFetched: number;
  bytesFetched: number;
  receipts: number;
  evidences: number;
  mismatches: SyncIssue[];
  gone: SyncIssue[];
  failures: SyncIssue[];
  malformed: SyncIssue[];
  /** Set when the provider could not be synced (or only in part): what happened. */
  error?: string;
}

export interface SyncProgress {
  enterprise: string;
  provider: string;
  documentsDone: number;
  documentsTotal: number;
  bytes: number;
}

export interface RetrievalAcknowledger {
  /** Acknowledges a registered message the sync retrieved; answers the receipt id (an existing one if a crash left it). */
  acknowledge(enterprise: string, message: EboxMessage, documents: DocumentRow[], retrievedAt: string): Promise<string>;
}

export interface EvidenceKeeper {
  /** Fetches, verifies and keeps a qualified message's evidences; answers 'complete' or what is missing and why. */
  keep(message: EboxMessage, documents: DocumentRow[]): Promise<string>;
}

export interface ProviderSyncDeps {
  db: SyncDb;
  blobs: BlobStore;
  receipts?: RetrievalAcknowledger;
  evidence?: EvidenceKeeper;
  parallel: number;
  full?: boolean;
  now?: () => Date;
  onProgress?: (p: SyncProgress) => void;
}

function fingerprint(raw: unknown): string {
  // Whether the message was read changes as soon as anyone opens it (this sync included): it is not a change to keep.
  const { readStatus: _r, isRead: _i, ...rest } = raw as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url');
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

const utc = (text: string) => new Date(text).toISOString();

async function listMessages(deps: ProviderSyncDeps, client: RegistryClient, enterprise: string, result: ProviderSyncResult): Promise<void> {
  const { db } = deps;
  const provider = client.provider.url;
  const seenAt = (deps.now?.() ?? new Date()).toISOString();
  db.setListing(enterprise, provider, 'running');
  for (let page = 1; ; page++) {
    const { items, totalItems } = await client.listPage(page);
    let unchanged = 0;
    const unchangedIds: string[] = [];
    db.transaction(() => {
      for (const raw of items) {
        let message: EboxMessage;
        try {
          message = normaliseMessage(raw);
        } catch (err) {
          if (!(err instanceof RegistryDataError)) throw err;
          const id = (raw as { messageId?: unknown })?.messageId;
          result.malformed.push({ messageId: typeof id === 'string' ? id : '(no id)', problem: err.message });
          continue;
        }
        const fp = fingerprint(raw);
        const known = db.fingerprintOf(enterprise, provider, message.messageId);
        if (known === fp) {
          unchanged++;
          unchangedIds.push(message.messageId);
          continue;
        }
        if (known === undefined) result.newMessages++;
        else result.changedMessages++;
        const r = raw as Record<string, unknown>;
        const sender = r.sender as Record<string, unknown> | undefined;
        db.upsertMessage(
          {
            enterprise,
            provider,
            messageId: message.messageId,
            receiptDate: utc(message.receiptDate),
            expirationDate: utc(message.expirationDate),
            registered: message.registeredMail ? 1 : 0,
            kind: registeredKindOf(message) ?? 'simple',
            senderOrganizationId: message.senderOrganizationId,
            messageTypeId: message.messageTypeId,
            message: JSON.stringify(message),
            raw: JSON.stringify(raw),
            partition: jsonOrNull(r.partition ?? sender?.partition),
            forAction: jsonOrNull(r.forAction ?? r.isForAction),
            fingerprint: fp,
            lastSeenAt: seenAt,
          },
          message.documents.map((d) => ({
            enterprise,
            provider,
            messageId: message.messageId,
            attachmentId: d.attachmentId,
            fileName: d.fileName,
            mediaType: d.mediaType,
            mainContent: d.mainContent ? 1 : 0,
            eboxDigest: d.eboxDigest ?? null,
            contentUrl: client.contentUrl(message.messageId, d.attachmentId, d.contentHref),
          })),
        );
      }
      if (result.full) db.touchMessages(enterprise, provider, unchangedIds, seenAt);
    });
    result.listed += items.length;
    const last = items.length === 0 || (totalItems !== undefined ? page * LIST_PAGE_SIZE.max >= totalItems : items.length < LIST_PAGE_SIZE.max);
    // Newest first: a page with nothing new or changed means the rest was seen by an earlier run.
    if (last || (!result.full && items.length > 0 && unchanged === items.length)) break;
  }
  db.setListing(enterprise, provider, 'done');
}

async function downloadDocuments(deps: ProviderSyncDeps, client: RegistryClient, enterprise: string, result: ProviderSyncResult): Promise<void> {
  const { db, blobs } = deps;
  const provider = client.provider.url;
  const total = db.countPending(enterprise, provider);
  let done = 0;
  let cursor = 0;
  let batch: (DocumentRow & { rowid: number })[] = [];
  let fatal: Error | undefined;
  const next = (): (DocumentRow & { rowid: number }) | undefined => {
    if (fatal) return undefined;
    if (batch.length === 0) {
      batch = db.pendingDocuments(enterprise, provider, 256, cursor);
      if (batch.length) cursor = batch[batch.length - 1]!.rowid;
    }
    return batch.shift();
  };
  const problem = (doc: DocumentRow, err: unknown) => {
    const key = { enterprise, provider, messageId: doc.messageId, attachmentId: doc.attachmentId };
    if (err instanceof StorageFullError) {
      fatal = err;
      return;
    }
    const text = `document ${doc.fileName}: ${(err as Error).message}`;
    if (err instanceof DocumentGoneError) {
      db.settleDocument(key, 'gone', { error: (err as Error).message });
      result.gone.push({ messageId: doc.messageId, attachmentId: doc.attachmentId, problem: text });
    } else {
      db.settleDocument(key, 'failed', { error: (err as Error).message });
      result.failures.push({ messageId: doc.messageId, attachmentId: doc.attachmentId, problem: text });
    }
  };
  const settled = () => {
    done++;
    deps.onProgress?.({ enterprise, provider, documentsDone: done, documentsTotal: total, bytes: result.bytesFetched });
  };
  const keep = async (doc: DocumentRow, bytes: Buffer, retrievedAt: string) => {
    const key = { enterprise, provider, messageId: doc.messageId, attachmentId: doc.attachmentId };
    try {
      const sha256 = createHash('sha256').update(bytes).digest('base64url');
      await blobs.put(bytes);
      const mismatch = digestCheckOf(sha256, doc.eboxDigest) === 'mismatch';
      // Kept either way: a mismatch is flagged and reported, the bytes as received stay for whoever must judge.
      db.settleDocument(key, mismatch ? 'mismatch' : 'kept', { sha256, sizeBytes: bytes.length, error: mismatch ? `the registry's digest is ${doc.eboxDigest}, the bytes hash to ${sha256}` : null, retrievedAt });
      if (mismatch) result.mismatches.push({ messageId: doc.messageId, attachmentId: doc.attachmentId, problem: `document ${doc.fileName}: the bytes do not match the registry's SHA-256 (kept and flagged)` });
      result.documentsFetched++;
      result.bytesFetched += bytes.length;
    } catch (err) {
      problem(doc, err);
    }
    settled();
  };
  // Storing (write, fsync, rename) overlaps the next downloads instead of holding a connection idle; at most
  // `parallel` documents wait to be stored, so memory stays bounded by them.
  const storing = new Set<Promise<void>>();
  const worker = async () => {
    for (let doc = next(); doc; doc = next()) {
      let bytes: Buffer;
      try {
        bytes = await client.download(doc.contentUrl);
      } catch (err) {
        problem(doc, err);
        settled();
        continue;
      }
      while (storing.size >= Math.max(1, deps.parallel)) await Promise.race(storing);
      const stored: Promise<void> = keep(doc, bytes, new Date().toISOString()).finally(() => storing.delete(stored));
      storing.add(stored);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.parallel) }, worker));
  await Promise.all(storing);
  if (fatal) throw fatal;
}

export async function syncProvider(deps: ProviderSyncDeps, client: RegistryClient, enterprise: string): Promise<ProviderSyncResult> {
  const { db } = deps;
  const provider = client.provider.url;
  const started = deps.now?.() ?? new Date();
  const before = db.provider(enterprise, provider);
  const full = Boolean(deps.full) || !before?.lastFullAt || before.listing === 'running' || started.getTime() - Date.parse(before.lastFullAt) > FULL_RECHECK_MS;
  const result: ProviderSyncResult = {
    enterprise, provider, name: client.provider.name, full, listed: 0, newMessages: 0, changedMessages: 0, documentsFetched: 0, bytesFetched: 0,
    receipts: 0, evidences: 0, mismatches: [], gone: [], failures: [], malformed: [],
  };
  try {
    await listMessages(deps, client, enterprise, result);
    await downloadDocuments(deps, client, enterprise, result);
    if (deps.receipts) {
      // Several at once: their appends share the proof store's group commit instead of one fsync each.
      const acknowledger = deps.receipts;
      const one = async (row: MessageRow) => {
        const documents = db.documentsOf(enterprise, provider, row.messageId);
        const retrievedAt = documents.map((d) => d.retrievedAt).filter((t): t is string => t !== null).sort().at(-1) ?? new Date().toISOString();
        try {
          const receiptId = await acknowledger.acknowledge(enterprise, JSON.parse(row.message) as EboxMessage, documents, retrievedAt);
          db.setReceipt(enterprise, provider, row.messageId, receiptId);
          result.receipts++;
        } catch (err) {
          if (err instanceof StorageFullError) throw err;
          result.failures.push({ messageId: row.messageId, problem: `receipt: ${(err as Error).message}` });
        }
      };
      // A batch at a time: a first sync of 10,000 messages must not hold every registered one's row at once.
      for (let after = 0; ; ) {
        const awaiting = db.messagesAwaitingReceipt(enterprise, provider, 256, after);
        if (awaiting.length === 0) break;
        after = awaiting[awaiting.length - 1]!.rowid;
        let next = 0;
        await Promise.all(Array.from({ length: Math.max(1, deps.parallel) }, async () => {
          for (let i = next++; i < awaiting.length; i = next++) await one(awaiting[i]!);
        }));
      }
    }
    if (deps.evidence) {
      // Evidences that could not be had are tried again with each full re-check, not on every run.
      for (const row of db.messagesAwaitingEvidence(enterprise, provider, full)) {
        const status = await deps.evidence.keep(JSON.parse(row.message) as EboxMessage, db.documentsOf(enterprise, provider, row.messageId));
        db.setEvidence(enterprise, provider, row.messageId, status);
        if (status === 'complete') result.evidences++;
        else result.failures.push({ messageId: row.messageId, problem: `evidence: ${status}` });
      }
    }
  } catch (err) {
    result.error = (err as Error).message;
  }
  const finished = (deps.now?.() ?? new Date()).toISOString();
  db.recordRun({
    enterprise,
    provider,
    name: client.provider.name,
    lastRunAt: finished,
    lastSuccessAt: result.error ? null : finished,
    lastFullAt: !result.error && full ? started.toISOString() : null,
    lastError: result.error ?? (result.failures[0] ? `${result.failures.length} failed, e.g. message ${result.failures[0].messageId}: ${result.failures[0].problem}` : null),
    lastSummary: JSON.stringify(summaryCounts(result)),
  });
  return result;
}

export function summaryCounts(r: ProviderSyncResult) {
  return {
    listed: r.listed, newMessages: r.newMessages, changedMessages: r.changedMessages, documentsFetched: r.documentsFetched, bytesFetched: r.bytesFetched,
    receipts: r.receipts, evidences: r.evidences, mismatches: r.mismatches.length, gone: r.gone.length, failures: r.failures.length, malformed: r.malformed.length,
  };
}
