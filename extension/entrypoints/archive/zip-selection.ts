// "Download the selection as a zip": the latest version of every document of the selected messages, one folder
// per message (date and subject), each file under its own name, names made safe and unique.
import type { ArchiveDb } from '@/src/archive/db';
import { documentPaths } from '@/src/archive/export-archive';
import { zipToBlob, type ZipSource } from '@/src/archive/zip-stream';
import type { DocumentRecord, MessageRecord } from '@/src/archive/records';

export async function zipSelection(db: ArchiveDb, messageIds: string[]): Promise<Blob> {
  const records = (await db.messages.bulkGet(messageIds)).filter((r): r is MessageRecord => !!r);
  const byId = new Map(records.map((r) => [r.messageId, r]));
  const latest: Omit<DocumentRecord, 'blob'>[] = [];
  for (const id of messageIds) {
    const newest = new Map<string, Omit<DocumentRecord, 'blob'>>();
    await db.documents.where('messageId').equals(id).each(({ blob: _blob, ...d }) => {
      if ((newest.get(d.attachmentId)?.version ?? 0) < d.version) newest.set(d.attachmentId, d);
    });
    latest.push(...newest.values());
  }
  const paths = documentPaths(byId, latest);
  async function* entries(): AsyncGenerator<ZipSource> {
    for (const meta of latest) {
      const d = await db.documents.get(meta.id);
      if (d) yield { name: paths.get(d.id)!.replace(/^documents\//, ''), data: d.blob, mtime: new Date(d.storedAt) };
    }
  }
  return zipToBlob(entries());
}
