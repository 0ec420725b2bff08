// "Download the selection as a zip": the latest version of every document of the selected messages, one folder
// per message, names made safe and unique.
import type { ArchiveDb } from '@/src/archive/db';
import { translate } from '../../../shared/ebox/model.ts';
import { zipToBlob, type ZipSource } from '@/src/archive/zip-stream';
import type { ArchiveData } from './archive-data';

const safe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^\.+/, '_').slice(0, 120) || '_';

export async function zipSelection(db: ArchiveDb, messageIds: string[], data: ArchiveData): Promise<Blob> {
  const byId = new Map(data.records.map((r) => [r.messageId, r]));
  async function* entries(): AsyncGenerator<ZipSource> {
    const used = new Set<string>();
    for (const id of messageIds) {
      const r = byId.get(id);
      const folder = safe(`${r?.receiptDate.slice(0, 10) ?? ''} ${r ? translate(r.message.subject, 'fr') : id}`.trim());
      const docs = await db.documents.where('messageId').equals(id).toArray();
      const latest = new Map<string, (typeof docs)[number]>();
      for (const d of docs) if ((latest.get(d.attachmentId)?.version ?? 0) < d.version) latest.set(d.attachmentId, d);
      for (const d of latest.values()) {
        let name = `${folder}/${safe(d.fileName)}`;
        for (let n = 2; used.has(name); n++) name = `${folder}/${n}-${safe(d.fileName)}`;
        used.add(name);
        yield { name, data: d.blob, mtime: new Date(d.storedAt) };
      }
    }
  }
  return zipToBlob(entries());
}
