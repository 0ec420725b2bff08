// What the archive page reads. The first screen comes from one small indexed read (the newest rows of the chosen
// company, from the searchDocs table's [enterprise+receiptMs] index); then the chosen company's search index, kept
// between openings (persisted-index.ts: only what changed since is tokenised), with that company's search rows
// alone (never the whole records); then the other companies' in the background, so switching is a lookup.
import { Dexie } from 'dexie';
import { labelPaths } from '@/src/archive/labels';
import { ALL_COMPANIES } from '@/src/archive/company-scope';
import { companySummaries, type CompanySummary } from '@/src/archive/companies';
import type { ArchiveDb } from '@/src/archive/db';
import type { Label } from '@/src/archive/records';
import { toSearchDoc, type SearchDoc } from '@/src/search/search-doc';
import { buildIndex, prepareOrder, type SearchIndex } from '@/src/search/search-index';
import { scopeIndex } from '@/src/search/persisted-index';
import { mergeKept, type KeptInArchive } from '@/src/helper-kept/kept-archive';
import type { KeptMessage } from '@/src/helper-kept/kept-rows';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { Language } from '../../../shared/ebox/model.ts';

/** Rows on the first screen: more than a tall window shows. */
export const FIRST_SCREEN_ROWS = 60;

export interface ArchiveMeta {
  labels: Label[];
  paths: Map<string, string>;
  companies: CompanySummary[];
  /** Message type names from the registry's reference data, by type id. */
  typeNames: Map<string, TranslatedString>;
}

export interface FirstScreen {
  company: string;
  docs: SearchDoc[];
  total: number;
}

/** What the filters offer for one company's mail: its senders (id, name), message types and tags. */
export interface ScopeFacets {
  senders: [string, string][];
  types: string[];
  tags: string[];
  docs: readonly SearchDoc[];
}

/** One company's (or all companies') searchable mail. */
export interface ScopeData {
  scope: string;
  index: SearchIndex;
  facets: ScopeFacets;
  loadMs: number;
}

function facetsOf(docs: readonly SearchDoc[]): ScopeFacets {
  const senders = new Map<string, string>();
  const types = new Set<string>();
  const tags = new Set<string>();
  for (const d of docs) {
    if (!senders.has(d.senderOrganizationId)) senders.set(d.senderOrganizationId, d.sender);
    types.add(d.messageTypeId);
    for (const tag of d.tags) tags.add(tag);
  }
  return { senders: [...senders.entries()].sort((a, b) => a[1].localeCompare(b[1])), types: [...types], tags: [...tags].sort(), docs };
}

/** `counts: false` for the first screen: each company's message count follows. */
export async function loadMeta(db: ArchiveDb, { counts = true } = {}): Promise<ArchiveMeta> {
  const [labels, companies, types] = await Promise.all([db.labels.toArray(), companySummaries(db, { counts }), db.names.where('key').startsWith('type:').toArray()]);
  return { labels, paths: labelPaths(labels), companies, typeNames: new Map(types.map((n) => [n.key.slice(5), n.name])) };
}

export async function loadFirstScreen(db: ArchiveDb, company: string, lang: Language, rows = FIRST_SCREEN_ROWS): Promise<FirstScreen> {
  const all = company === ALL_COMPANIES;
  const [stored, total] = await Promise.all([
    all ? db.searchDocs.orderBy('receiptMs').reverse().limit(rows).toArray() : db.searchDocs.where('[enterprise+receiptMs]').between([company, Dexie.minKey], [company, Dexie.maxKey]).reverse().limit(rows).toArray(),
    all ? db.searchDocs.count() : db.searchDocs.where('enterprise').equals(company).count(),
  ]);
  return { company, docs: stored.map((s) => toSearchDoc(s, lang)), total };
}

export async function loadScope(db: ArchiveDb, scope: string, lang: Language, meta: ArchiveMeta): Promise<ScopeData> {
  const started = performance.now();
  const { docs, text } = await scopeIndex(db, scope);
  const index = buildIndex(docs.map((s) => toSearchDoc(s, lang)), meta.paths, text);
  prepareOrder(index);
  return { scope, index, facets: facetsOf(index.docs), loadMs: performance.now() - started };
}

/** A scope with the helper's kept messages of its company joined in; undefined when the helper keeps none of them. */
export function scopeWithKept(scope: ScopeData, kept: readonly KeptMessage[], meta: ArchiveMeta, lang: Language): { data: ScopeData; keptIn: KeptInArchive } | undefined {
  const mine = scope.scope === ALL_COMPANIES ? kept : kept.filter((k) => k.enterprise === scope.scope);
  if (!mine.length) return undefined;
  const keptIn = mergeKept(scope.index, meta.paths, mine, lang);
  prepareOrder(keptIn.index);
  return { keptIn, data: { ...scope, index: keptIn.index, facets: facetsOf(keptIn.index.docs) } };
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
