// The whole archive as one file: metadata, every document version and its checksum, so moving to another machine
// or browser loses nothing. Documents are streamed from IndexedDB one at a time.
import type { ArchiveDb } from './db.ts';
import type { DocumentRecord } from './records.ts';
import { zipToBlob, type ZipSource } from './zip-stream.ts';

export const EXPORT_FORMAT = 'ebox-keeper-archive';
export const EXPORT_VERSION = 1;

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  messages: number;
  documents: number;
}

/** A document's metadata in the export; its bytes are at `path`. */
export type ExportedDocument = Omit<DocumentRecord, 'blob'> & { path: string };

export function documentPath(d: Pick<DocumentRecord, 'id'>): string {
  return `documents/${encodeURIComponent(d.id)}`;
}

export async function exportArchive(db: ArchiveDb, now: Date = new Date()): Promise<{ blob: Blob; manifest: ExportManifest }> {
  const [messages, labels, rules, names, docKeys] = await Promise.all([db.messages.toArray(), db.labels.toArray(), db.rules.toArray(), db.names.toArray(), db.documents.toCollection().primaryKeys()]);
  const metadata: ExportedDocument[] = [];
  const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), messages: messages.length, documents: docKeys.length };
  async function* entries(): AsyncGenerator<ZipSource> {
    yield { name: 'manifest.json', data: JSON.stringify(manifest, null, 2), mtime: now };
    yield { name: 'messages.json', data: JSON.stringify(messages), mtime: now };
    yield { name: 'labels.json', data: JSON.stringify(labels), mtime: now };
    yield { name: 'rules.json', data: JSON.stringify(rules), mtime: now };
    yield { name: 'names.json', data: JSON.stringify(names), mtime: now };
    for (const key of docKeys) {
      const doc = await db.documents.get(key);
      if (!doc) continue;
      const { blob, ...meta } = doc;
      const path = documentPath(doc);
      metadata.push({ ...meta, path });
      yield { name: path, data: blob, mtime: new Date(doc.storedAt) };
    }
    // Last, so it lists exactly what was written.
    yield { name: 'documents.json', data: JSON.stringify(metadata), mtime: now };
  }
  const blob = await zipToBlob(entries());
  return { blob, manifest: { ...manifest, documents: metadata.length } };
}
