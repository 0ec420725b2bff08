// Acknowledging a registered message in the service worker: archive it first unless a job already did (the archive
// downloads the documents and checks them against the e-Box digests), keep each document's bytes in the helper,
// then ask the helper to sign
// the receipt. Once per message: the helper is asked for an existing receipt first, and two calls for the same
// message at once share one acknowledgement.
import type { ReceiptRecord } from '../../../shared/helper-api/index.ts';
import type { ArchiveOutcome } from '../archive/archive-message.ts';
import { documentsOf } from '../archive/archive-message.ts';
import type { ArchiveDb } from '../archive/db.ts';
import type { DocumentRecord, MessageRecord } from '../archive/records.ts';
import { isArchivedRecord } from '../archive/messages.ts';
import type { HelperClient } from '../helper-client/helper-client.ts';
import { acknowledgeRequest, latestDocuments } from './acknowledge-request.ts';
import { firstReceipt } from './proof-status.ts';
import type { Opening } from './proofs-api.ts';

export interface AcknowledgeDeps {
  db: ArchiveDb;
  /** Archives the message with its documents, by whom (the archive's own fetch and digest checks). */
  archive: (messageId: string, by?: string) => Promise<ArchiveOutcome>;
}

/** Keeps each document's bytes in the helper under its SHA-256, so receipts and evidences can refer to them. */
/** Sends the helper only the documents it lacks (its sync may hold them already), as raw bytes. */
export async function storeDocuments(client: HelperClient, documents: readonly DocumentRecord[]): Promise<void> {
  if (!documents.length) return;
  const missing = new Set(await client.missingDocuments([...new Set(documents.map((d) => d.sha256))]));
  for (const d of documents) {
    if (!missing.delete(d.sha256)) continue;
    await client.uploadDocument(d.sha256, d.blob);
  }
}

/** The newest stored version of each of the message's documents. */
export async function archivedDocuments(db: ArchiveDb, record: MessageRecord): Promise<DocumentRecord[]> {
  return latestDocuments(record, await documentsOf(db, record.messageId));
}

/** The archive could not download every document: no receipt can name their digests. */
export class DocumentsUnavailableError extends Error {
  constructor(outcome: ArchiveOutcome) {
    super(`${outcome.missing.length} document(s) could not be downloaded: ${outcome.missing.map((m) => `${m.fileName} (${m.reason})`).join('; ')}`);
    this.name = 'DocumentsUnavailableError';
  }
}

export type Acknowledger = (client: HelperClient, opening: Opening) => Promise<ReceiptRecord>;

export function createAcknowledger(deps: AcknowledgeDeps): (client: HelperClient, opening: Opening) => Promise<ReceiptRecord> {
  const running = new Map<string, Promise<ReceiptRecord>>();

  const acknowledge = async (client: HelperClient, opening: Opening): Promise<ReceiptRecord> => {
    const existing = firstReceipt(await client.receiptsForMessage(opening.messageId));
    if (existing) return existing;
    const before = await deps.db.messages.get(opening.messageId);
    if (!before || !isArchivedRecord(before)) {
      const outcome = await deps.archive(opening.messageId, opening.opener.kind === 'person' ? opening.opener.name : undefined);
      if (outcome.status !== 'archived') throw new DocumentsUnavailableError(outcome);
    }
    const record = await deps.db.messages.get(opening.messageId);
    if (!record) throw new Error(`Message ${opening.messageId} is not in the archive`);
    const documents = await archivedDocuments(deps.db, record);
    await storeDocuments(client, documents);
    return client.acknowledge(acknowledgeRequest(record, documents, opening));
  };

  return (client, opening) => {
    const pending = running.get(opening.messageId);
    if (pending) return pending;
    const started = acknowledge(client, opening).finally(() => running.delete(opening.messageId));
    running.set(opening.messageId, started);
    return started;
  };
}
