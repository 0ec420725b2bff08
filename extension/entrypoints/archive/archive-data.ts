// Loads the archive from IndexedDB into the page's in-memory search index, and the helpers the page's actions use.
import { labelPaths } from '@/src/archive/labels';
import type { ArchiveDb } from '@/src/archive/db';
import type { Label, MessageRecord } from '@/src/archive/records';
import { toSearchDoc } from '@/src/search/search-doc';
import { buildIndex, type SearchIndex } from '@/src/search/search-index';
import type { Language } from '../../../shared/ebox/model.ts';

export interface ArchiveData {
  records: MessageRecord[];
  labels: Label[];
  paths: Map<string, string>;
  index: SearchIndex;
  loadMs: number;
}

export async function loadArchive(db: ArchiveDb, lang: Language): Promise<ArchiveData> {
  const started = performance.now();
  const [records, labels] = await Promise.all([db.messages.toArray(), db.labels.toArray()]);
  const bytes = new Map<string, number>();
  // Keys and sizes only: the documents' Blobs stay in IndexedDB.
  await db.documents.each((d) => void bytes.set(d.messageId, (bytes.get(d.messageId) ?? 0) + d.bytes));
  const paths = labelPaths(labels);
  const index = buildIndex(records.map((r) => toSearchDoc(r, paths, lang, bytes.get(r.messageId) ?? 0)));
  return { records, labels, paths, index, loadMs: performance.now() - started };
}

/** A label with every label nested under it, for "filter by label". */
export function withDescendants(labels: readonly Label[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of labels) if (l.parentId && out.has(l.parentId) && !out.has(l.id)) (out.add(l.id), (grew = true));
  }
  return out;
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Types the browser may show inline from the extension's origin: never HTML or anything scriptable. */
const VIEWABLE = new Set(['application/pdf', 'text/plain', 'text/csv', 'image/png', 'image/jpeg']);

export function openBlob(blob: Blob, mediaType: string): boolean {
  const type = VIEWABLE.has(mediaType) ? mediaType : mediaType.startsWith('text/') ? 'text/plain' : undefined;
  if (!type) return false;
  const url = URL.createObjectURL(new Blob([blob], { type }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  return true;
}
