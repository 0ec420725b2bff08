// Archives one message with its documents: every document fetched and hashed first, then one transaction writes
// the message and its new document versions together, so an interrupted archive leaves nothing half-written.
import { translate, type EboxDocument, type EboxMessage } from '../../../shared/ebox/model.ts';
import type { ArchiveDb } from './db.ts';
import { sameDigest, sha256Of } from '../../../shared/digest.ts';
import { newRecord, refreshRecord, type SeenInput } from './messages.ts';
import type { DocumentRecord, MessageRecord } from './records.ts';
import { ArchiveStorageError, isQuotaError } from './storage-error.ts';

/** Gets a document's bytes: a Blob, or the raw bytes (cheaper: hashed before the one Blob that is stored is made). */
export type DocumentFetcher = (message: EboxMessage, document: EboxDocument, signal?: AbortSignal) => Promise<Blob | ArrayBuffer>;

export interface ArchiveRequest extends SeenInput {
  /** Who archived it: the e-Box user's name as the page shows it, or the person set in the options. */
  by: string;
}

export interface ArchiveOutcome {
  messageId: string;
  /** 'partial' when some document could not be fetched: the message is not counted as archived. */
  status: 'archived' | 'partial';
  newVersions: number;
  unchanged: number;
  /** Bytes fetched for this message (whether or not a new version had to be written). */
  bytes: number;
  mismatches: string[];
  missing: { attachmentId: string; fileName: string; reason: string }[];
}

interface Fetched {
  doc: EboxDocument;
  blob: Blob;
  sha256: string;
  warning?: DocumentRecord['contentWarning'];
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function contentWarning(doc: EboxDocument, bytes: Uint8Array): DocumentRecord['contentWarning'] {
  if (bytes.length === 0) return 'empty';
  if (doc.mediaType === 'application/pdf') {
    // PDF readers accept the header anywhere in the first 1024 bytes.
    const head = bytes.subarray(0, 1024);
    const found = head.findIndex((_, i) => PDF_MAGIC.every((b, j) => head[i + j] === b));
    if (found < 0) return 'not-pdf';
  }
  return undefined;
}

async function fetchAll(req: ArchiveRequest, fetchDocument: DocumentFetcher, signal?: AbortSignal) {
  const fetched: Fetched[] = [];
  const missing: ArchiveOutcome['missing'] = [];
  for (const doc of req.message.documents) {
    signal?.throwIfAborted();
    try {
      const data = await fetchDocument(req.message, doc, signal);
      // One read of the bytes serves both the checksum and the content check.
      const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
      const blob = data instanceof Blob ? data : new Blob([data], { type: doc.mediaType });
      const warning = contentWarning(doc, new Uint8Array(bytes));
      fetched.push({ doc, blob, sha256: await sha256Of(bytes), ...(warning ? { warning } : {}) });
    } catch (e) {
      if (signal?.aborted) throw e;
      missing.push({ attachmentId: doc.attachmentId, fileName: doc.fileName, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { fetched, missing };
}

type ArchivedListener = (message: EboxMessage, outcome: ArchiveOutcome) => void;
const archivedListeners = new Set<ArchivedListener>();

/** Lets another capability follow every message archived, one at a time or in bulk (the proofs fetch a qualified
 *  registered message's evidences); returns the unsubscribe. */
export function onMessageArchived(listener: ArchivedListener): () => void {
  archivedListeners.add(listener);
  return () => archivedListeners.delete(listener);
}

export async function archiveMessage(
  db: ArchiveDb,
  req: ArchiveRequest,
  fetchDocument: DocumentFetcher,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<ArchiveOutcome> {
  const { fetched, missing } = await fetchAll(req, fetchDocument, options.signal);
  options.signal?.throwIfAborted();
  const at = (options.now ?? new Date()).toISOString();
  const messageId = req.message.messageId;
  const outcome: ArchiveOutcome = {
    messageId,
    status: missing.length ? 'partial' : 'archived',
    newVersions: 0,
    unchanged: 0,
    bytes: fetched.reduce((n, f) => n + f.blob.size, 0),
    mismatches: [],
    missing,
  };
  try {
    await db.transaction('rw', db.messages, db.documents, async () => {
      const known = await db.messages.get(messageId);
      const base: MessageRecord = known ? refreshRecord(known, req, at) : newRecord(req, at);
      let mismatch = false;
      for (const f of fetched) {
        const versions = await db.documents.where('[messageId+attachmentId]').equals([messageId, f.doc.attachmentId]).sortBy('version');
        const latest = versions.at(-1);
        const digestOk = f.doc.eboxDigest === undefined ? null : sameDigest(f.doc.eboxDigest, f.sha256);
        if (digestOk === false) {
          mismatch = true;
          outcome.mismatches.push(f.doc.fileName);
        }
        if (latest && latest.sha256 === f.sha256) {
          outcome.unchanged++;
          continue;
        }
        const version = (latest?.version ?? 0) + 1;
        await db.documents.add({
          id: `${messageId}/${f.doc.attachmentId}/${version}`,
          messageId,
          attachmentId: f.doc.attachmentId,
          version,
          fileName: f.doc.fileName,
          mediaType: f.doc.mediaType,
          bytes: f.blob.size,
          sha256: f.sha256,
          ...(f.doc.eboxDigest !== undefined ? { expectedSha256: f.doc.eboxDigest } : {}),
          digestOk,
          ...(f.warning ? { contentWarning: f.warning } : {}),
          blob: f.blob,
          storedAt: at,
        });
        outcome.newVersions++;
      }
      let storedBytes = 0;
      await db.documents.where('messageId').equals(messageId).each((d) => void (storedBytes += d.bytes));
      const record: MessageRecord = {
        ...base,
        storedBytes,
        integrity: mismatch ? 'mismatch' : 'ok',
        ...(missing.length ? { missingDocuments: missing } : { missingDocuments: [] }),
      };
      if (!missing.length && !record.archivedAt) {
        record.archivedAt = at;
        record.archivedBy = req.by;
      }
      await db.messages.put(record);
    });
  } catch (e) {
    if (isQuotaError(e)) {
      throw new ArchiveStorageError(
        [{ messageId, subject: translate(req.message.subject, 'fr'), documents: fetched.map((f) => ({ fileName: f.doc.fileName, bytes: f.blob.size })) }],
        e,
      );
    }
    throw e;
  }
  for (const listener of archivedListeners) {
    // A follower's failure is its own: the message is archived all the same.
    try {
      listener(req.message, outcome);
    } catch (e) {
      console.error('[e-Box Keeper] after archiving', e);
    }
  }
  return outcome;
}

/** Every stored version of a message's documents, newest version last per attachment. */
export async function documentsOf(db: ArchiveDb, messageId: string): Promise<DocumentRecord[]> {
  const docs = await db.documents.where('messageId').equals(messageId).toArray();
  return docs.sort((a, b) => a.attachmentId.localeCompare(b.attachmentId) || a.version - b.version);
}
