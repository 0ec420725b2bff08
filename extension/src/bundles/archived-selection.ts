// What the helper is told about each selected message: its metadata as archived and every stored document
// version, named by the SHA-256 of its bytes (shared/bundle/archived-message.ts). Pure: records in, request out.
import type { ArchivedMessage } from '../../../shared/bundle/archived-message.ts';
import { translate } from '../../../shared/ebox/model.ts';
import type { DocumentRecord, MessageRecord } from '../archive/records.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';

export type DocumentMeta = Omit<DocumentRecord, 'blob'>;

export function archivedMessageOf(record: MessageRecord, documents: readonly DocumentMeta[]): ArchivedMessage {
  const sender = record.names.sender ? translate(record.names.sender, 'fr') : '';
  const ordered = [...documents].sort((a, b) => a.attachmentId.localeCompare(b.attachmentId) || a.version - b.version);
  return {
    message: record.message,
    ...(sender ? { senderName: sender } : {}),
    registeredKind: registeredKindOf(record.message) ?? 'simple',
    documents: ordered.map((d) => ({
      attachmentId: d.attachmentId,
      version: d.version,
      fileName: d.fileName,
      mediaType: d.mediaType,
      sizeBytes: d.bytes,
      sha256: d.sha256,
      ...(d.expectedSha256 ? { eboxDigest: d.expectedSha256 } : {}),
    })),
  };
}

/** Each distinct document once (by SHA-256), in the order met: what must be uploaded before the bundle. */
export function distinctDocuments<D extends Pick<DocumentMeta, 'sha256' | 'bytes'>>(documents: Iterable<D>): D[] {
  const seen = new Set<string>();
  const out: D[] = [];
  for (const d of documents) {
    if (seen.has(d.sha256)) continue;
    seen.add(d.sha256);
    out.push(d);
  }
  return out;
}
