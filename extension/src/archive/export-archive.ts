// The archive as one file, for one company or for all: metadata, every document version and its checksum, so
// moving to another machine or browser loses nothing. Documents are streamed from IndexedDB one at a time, each
// stored under a name a person can read (folder per message: date and subject; the document's own file name).
import { translate } from '../../../shared/ebox/model.ts';
import { ALL_COMPANIES, inScope } from './company-scope.ts';
import type { ArchiveDb } from './db.ts';
import { labelsOf } from './labels.ts';
import type { DocumentRecord, MessageRecord } from './records.ts';
import { zipToBlob, type ZipSource } from './zip-stream.ts';

export const EXPORT_FORMAT = 'ebox-keeper-archive';
export const EXPORT_VERSION = 2;

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  /** Whose mail the file holds: one company key, or ALL_COMPANIES. */
  companies: string;
  messages: number;
  documents: number;
}

/** A document's metadata in the export; its bytes are at `path`. */
export type ExportedDocument = Omit<DocumentRecord, 'blob'> & { path: string };

/** A file or folder name any file system accepts. */
export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 100) || '_';
}

/** documents/<date subject>/<file name>, with the version when there are several and a number when names clash. */
export function documentPaths(messages: ReadonlyMap<string, Pick<MessageRecord, 'receiptDate' | 'message'>>, documents: readonly Omit<DocumentRecord, 'blob'>[]): Map<string, string> {
  const used = new Set<string>();
  const folders = new Map<string, string>();
  const out = new Map<string, string>();
  const versions = new Map<string, number>();
  for (const d of documents) versions.set(`${d.messageId}/${d.attachmentId}`, (versions.get(`${d.messageId}/${d.attachmentId}`) ?? 0) + 1);
  for (const d of documents) {
    let folder = folders.get(d.messageId);
    if (!folder) {
      const r = messages.get(d.messageId);
      const base = safeName(r ? `${r.receiptDate.slice(0, 10)} ${translate(r.message.subject, 'fr')}` : d.messageId);
      folder = base;
      for (let n = 2; used.has(`folder:${folder}`); n++) folder = `${base} (${n})`;
      used.add(`folder:${folder}`);
      folders.set(d.messageId, folder);
    }
    const dot = d.fileName.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [d.fileName.slice(0, dot), d.fileName.slice(dot)] : [d.fileName, ''];
    const versioned = (versions.get(`${d.messageId}/${d.attachmentId}`) ?? 1) > 1 ? `${stem} (v${d.version})${ext}` : d.fileName;
    let path = `documents/${folder}/${safeName(versioned)}`;
    for (let n = 2; used.has(path); n++) path = `documents/${folder}/${n}-${safeName(versioned)}`;
    used.add(path);
    out.set(d.id, path);
  }
  return out;
}

export async function exportArchive(db: ArchiveDb, options: { companies?: string; now?: Date } = {}): Promise<{ blob: Blob; manifest: ExportManifest }> {
  const now = options.now ?? new Date();
  const scope = options.companies ?? ALL_COMPANIES;
  const [messages, allLabels, allRules, names, companies] = await Promise.all([
    scope === ALL_COMPANIES ? db.messages.toArray() : db.messages.where('enterprise').equals(scope).toArray(),
    db.labels.toArray(),
    db.rules.toArray(),
    db.names.toArray(),
    db.companies.toArray(),
  ]);
  const ids = messages.map((m) => m.messageId);
  // Keys and metadata first (no bytes), to name every file before the first is written.
  const docMeta: Omit<DocumentRecord, 'blob'>[] = [];
  await db.documents.where('messageId').anyOf(ids).each(({ blob: _blob, ...meta }) => void docMeta.push(meta));
  docMeta.sort((a, b) => a.id.localeCompare(b.id));
  const paths = documentPaths(new Map(messages.map((m) => [m.messageId, m])), docMeta);
  const labels = labelsOf(allLabels, scope);
  const rules = allRules.filter((r) => inScope(r.enterprise, scope) || inScope(scope, r.enterprise));
  const metadata: ExportedDocument[] = [];
  const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), companies: scope, messages: messages.length, documents: docMeta.length };
  async function* entries(): AsyncGenerator<ZipSource> {
    yield { name: 'manifest.json', data: JSON.stringify(manifest, null, 2), mtime: now };
    yield { name: 'messages.json', data: JSON.stringify(messages), mtime: now };
    yield { name: 'labels.json', data: JSON.stringify(labels), mtime: now };
    yield { name: 'rules.json', data: JSON.stringify(rules), mtime: now };
    yield { name: 'names.json', data: JSON.stringify(names), mtime: now };
    yield { name: 'companies.json', data: JSON.stringify(scope === ALL_COMPANIES ? companies : companies.filter((c) => c.cbe === scope)), mtime: now };
    for (const meta of docMeta) {
      const doc = await db.documents.get(meta.id);
      if (!doc) continue;
      const { blob, ...rest } = doc;
      const path = paths.get(meta.id)!;
      metadata.push({ ...rest, path });
      yield { name: path, data: blob, mtime: new Date(doc.storedAt) };
    }
    // Last, so it lists exactly what was written.
    yield { name: 'documents.json', data: JSON.stringify(metadata), mtime: now };
  }
  const blob = await zipToBlob(entries());
  return { blob, manifest: { ...manifest, documents: metadata.length } };
}
