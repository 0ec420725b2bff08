// The messages the sync keeps, as the CLI and the extension see them: the normalised message, where it came from,
// each document's state and SHA-256 (to fetch its bytes from the helper), its receipt.
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import type { SyncDb } from './sync-db.ts';

export interface KeptMessage {
  enterprise: string;
  provider: string;
  receiptDate: string;
  expirationDate: string;
  kind: string;
  partition: unknown;
  forAction: unknown;
  receiptId: string | null;
  message: EboxMessage;
  documents: { attachmentId: string; fileName: string; mediaType: string; state: string; sha256: string | null; sizeBytes: number | null; eboxDigest: string | null; error: string | null }[];
}

export function keptMessages(db: SyncDb, filter: { enterprise?: string; expiringWithinDays?: number; limit?: number; offset?: number } = {}): KeptMessage[] {
  const rows = db.messages({
    ...(filter.enterprise ? { enterprise: filter.enterprise } : {}),
    ...(filter.expiringWithinDays !== undefined ? { expiringBefore: new Date(Date.now() + filter.expiringWithinDays * 86_400_000).toISOString() } : {}),
    ...(filter.limit !== undefined ? { limit: filter.limit } : {}),
    ...(filter.offset !== undefined ? { offset: filter.offset } : {}),
  });
  return rows.map((r) => ({
    enterprise: r.enterprise,
    provider: r.provider,
    receiptDate: r.receiptDate,
    expirationDate: r.expirationDate,
    kind: r.kind,
    partition: r.partition === null ? null : JSON.parse(r.partition),
    forAction: r.forAction === null ? null : JSON.parse(r.forAction),
    receiptId: r.receiptId,
    message: JSON.parse(r.message) as EboxMessage,
    documents: db.documentsOf(r.enterprise, r.provider, r.messageId).map((d) => ({
      attachmentId: d.attachmentId, fileName: d.fileName, mediaType: d.mediaType, state: d.state, sha256: d.sha256, sizeBytes: d.sizeBytes, eboxDigest: d.eboxDigest, error: d.error,
    })),
  }));
}
