// The archive page's list with the helper's kept messages merged in: one search index over both, so search, filters,
// sorting and the company switcher treat them alike. A message both kept stays the browser's row (with its filing),
// marked as kept by the helper too.
import type { Language } from '../../../shared/ebox/model.ts';
import type { CompanySummary } from '../archive/companies.ts';
import { toSearchDoc } from '../search/search-doc.ts';
import { buildIndex, type SearchIndex } from '../search/search-index.ts';
import { eboxMessageOf, keptSearchDoc, type KeptMessage } from './kept-rows.ts';

export interface KeptInArchive {
  index: SearchIndex;
  /** Every message the helper keeps, by id: their rows are marked. */
  kept: Map<string, KeptMessage>;
  /** Those the browser never archived: their detail comes from the helper. */
  helperOnly: Set<string>;
}

export function mergeKept(index: SearchIndex, labelPaths: ReadonlyMap<string, string>, kept: readonly KeptMessage[], lang: Language): KeptInArchive {
  const byId = new Map(kept.map((k) => [eboxMessageOf(k).messageId, k]));
  const browser = new Set(index.docs.map((d) => d.messageId));
  const added = kept.filter((k) => !browser.has(eboxMessageOf(k).messageId)).map((k) => toSearchDoc(keptSearchDoc(k), lang));
  return {
    index: added.length ? buildIndex([...index.docs, ...added], labelPaths) : index,
    kept: byId,
    helperOnly: new Set(added.map((d) => d.messageId)),
  };
}

/** The company switcher's companies with those only the helper keeps mail of. */
export function withKeptCompanies(companies: readonly CompanySummary[], kept: readonly KeptMessage[]): CompanySummary[] {
  const known = new Set(companies.map((c) => c.key));
  const extra = new Map<string, number>();
  for (const k of kept) if (!known.has(k.enterprise)) extra.set(k.enterprise, (extra.get(k.enterprise) ?? 0) + 1);
  return [...companies, ...[...extra].map(([key, messages]) => ({ key, messages }))];
}
