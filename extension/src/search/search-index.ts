// In-memory search over the archive. Each distinct word of the archive is stored once, with the messages that
// contain it: a query term (a substring, like the e-Box's own q) is found by one native indexOf pass over the
// dictionary of words, and the matching words' message lists are marked in a typed array. Dense queries typed one
// letter at a time then cost a tight loop, not one string test per message.
import { fold } from '../../../shared/text/fold.ts';
import { ALL_COMPANIES } from '../archive/company-scope.ts';
import type { SearchDoc } from './search-doc.ts';

export type SortKey = 'receipt' | 'expiry' | 'subject' | 'sender';

export interface SearchQuery {
  text?: string;
  /** One company's mail (its key); undefined or ALL_COMPANIES for every company. */
  company?: string;
  senders?: ReadonlySet<string>;
  types?: ReadonlySet<string>;
  /** A message matches when it has any of these labels (pass a label with its descendants). */
  labels?: ReadonlySet<string>;
  tag?: string;
  registered?: boolean;
  archived?: boolean;
  receivedFrom?: number;
  receivedTo?: number;
  expiresFrom?: number;
  expiresTo?: number;
  sort?: SortKey;
  descending?: boolean;
}

export interface SearchIndex {
  docs: readonly SearchDoc[];
  /** Every distinct word, separated by \u0001. */
  dictionary: string;
  /** Offset of each word in the dictionary; one extra entry at the end. */
  wordStarts: Int32Array;
  /** Docs of word w: postings[postingStarts[w] .. postingStarts[w + 1]). */
  postingStarts: Int32Array;
  postings: Int32Array;
  orders: Map<SortKey, Int32Array>;
  /** Docs carrying each label, for matching label paths (which change with the labels, so are not in the text). */
  labelDocs: Map<string, Int32Array>;
  /** Folded full path of each label ("clients / onss"), set by whoever knows the labels. */
  labelPaths: Map<string, string>;
  /** The companies whose mail the index holds (one when the archive page loaded one company's). */
  enterprises: ReadonlySet<string>;
}

const SEP = '\u0001';

/** The text part of an index: what tokenising costs, so what the archive keeps between openings (persisted-index.ts). */
export interface TextIndex {
  dictionary: string;
  wordStarts: Int32Array;
  postingStarts: Int32Array;
  postings: Int32Array;
}

/** Words of a doc's folded text, each once. */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/\s+/)) if (w) out.add(w);
  return out;
}

/** Packs words (in order) and their doc lists into a TextIndex. */
export function packText(words: readonly string[], docsOf: (w: number) => ArrayLike<number>): TextIndex {
  const postingStarts = new Int32Array(words.length + 1);
  for (let w = 0; w < words.length; w++) postingStarts[w + 1] = postingStarts[w]! + docsOf(w).length;
  const postings = new Int32Array(postingStarts[words.length]!);
  for (let w = 0; w < words.length; w++) postings.set(docsOf(w), postingStarts[w]!);
  const wordStarts = new Int32Array(words.length + 1);
  for (let w = 0; w < words.length; w++) wordStarts[w + 1] = wordStarts[w]! + words[w]!.length + 1;
  return { dictionary: words.join(SEP) + SEP, wordStarts, postingStarts, postings };
}

export function textIndexOf(texts: readonly string[]): TextIndex {
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  const docWords: Int32Array[] = new Array(texts.length);
  for (let d = 0; d < texts.length; d++) {
    const ids: number[] = [];
    for (const w of wordsOf(texts[d]!)) {
      let id = wordIds.get(w);
      if (id === undefined) {
        id = words.length;
        wordIds.set(w, id);
        words.push(w);
        counts.push(0);
      }
      ids.push(id);
      counts[id]!++;
    }
    docWords[d] = Int32Array.from(ids);
  }
  const lists = counts.map((n) => new Int32Array(n));
  const fill = new Int32Array(words.length);
  for (let d = 0; d < texts.length; d++) for (const w of docWords[d]!) lists[w]![fill[w]!++] = d;
  return packText(words, (w) => lists[w]!);
}

/** The words of a TextIndex's dictionary, in order. */
export function dictionaryWords(text: TextIndex): string[] {
  return text.wordStarts.length > 1 ? text.dictionary.slice(0, -1).split(SEP) : [];
}

export function buildIndex(docs: readonly SearchDoc[], labelPaths: ReadonlyMap<string, string> = new Map(), text: TextIndex = textIndexOf(docs.map((d) => d.text))): SearchIndex {
  const byLabel = new Map<string, number[]>();
  for (let d = 0; d < docs.length; d++) for (const l of docs[d]!.labels) (byLabel.get(l) ?? byLabel.set(l, []).get(l)!).push(d);
  const labelDocs = new Map([...byLabel].map(([l, ds]) => [l, Int32Array.from(ds)]));
  const enterprises = new Set<string>();
  for (const d of docs) enterprises.add(d.enterprise);
  return { docs, ...text, orders: new Map(), labelDocs, labelPaths: foldedPaths(labelPaths), enterprises };
}

/** Computes a sort order now (e.g. while the page is idle) rather than on the first keystroke. */
export function prepareOrder(index: SearchIndex, key: SortKey = 'receipt'): void {
  order(index, key);
}

export function foldedPaths(paths: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...paths].map(([id, path]) => [id, fold(path)]));
}

export function queryTerms(text: string | undefined): string[] {
  if (!text) return [];
  const terms = fold(text)
    .replace(/[\u0000-\u001f]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 1000);
  // Longest first: the rarest term narrows the candidates before the others are checked.
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** Marks the docs containing `term` (those already at `from`, i.e. matching every earlier term) with from + 1. */
function markTerm(index: SearchIndex, term: string, mask: Uint16Array, from: number): void {
  const { dictionary, wordStarts, postingStarts, postings } = index;
  let w = 0;
  for (let p = dictionary.indexOf(term); p !== -1; ) {
    while (wordStarts[w + 1]! <= p) w++;
    for (let k = postingStarts[w]!, end = postingStarts[w + 1]!; k < end; k++) {
      const d = postings[k]!;
      if (mask[d] === from) mask[d] = from + 1;
    }
    p = dictionary.indexOf(term, wordStarts[w + 1]!);
  }
  for (const [label, path] of index.labelPaths) {
    if (!path.includes(term)) continue;
    const ds = index.labelDocs.get(label);
    if (ds) for (const d of ds) if (mask[d] === from) mask[d] = from + 1;
  }
}

/** Docs whose text contains every term: mask[d] === terms.length; undefined when there is no text query. */
function textMask(index: SearchIndex, terms: string[]): Uint16Array | undefined {
  if (!terms.length) return undefined;
  const mask = new Uint16Array(index.docs.length);
  terms.forEach((term, i) => markTerm(index, term, mask, i));
  return mask;
}

const collator = new Intl.Collator(['fr', 'nl', 'de'], { sensitivity: 'base', numeric: true });

function order(index: SearchIndex, key: SortKey): Int32Array {
  let o = index.orders.get(key);
  if (!o) {
    const docs = index.docs;
    const ids = Array.from({ length: docs.length }, (_, i) => i);
    const cmp: (a: number, b: number) => number =
      key === 'receipt' ? (a, b) => docs[a]!.receiptMs - docs[b]!.receiptMs
      : key === 'expiry' ? (a, b) => docs[a]!.expiryMs - docs[b]!.expiryMs
      : key === 'subject' ? (a, b) => collator.compare(docs[a]!.subject, docs[b]!.subject)
      : (a, b) => collator.compare(docs[a]!.sender, docs[b]!.sender);
    o = Int32Array.from(ids.sort((a, b) => cmp(a, b) || a - b));
    index.orders.set(key, o);
  }
  return o;
}

function passesFilters(d: SearchDoc, q: SearchQuery, tag: string | undefined): boolean {
  if (q.company !== undefined && q.company !== ALL_COMPANIES && d.enterprise !== q.company) return false;
  if (q.senders?.size && !q.senders.has(d.senderOrganizationId)) return false;
  if (q.types?.size && !q.types.has(d.messageTypeId)) return false;
  if (q.labels?.size && !d.labels.some((l) => q.labels!.has(l))) return false;
  if (tag !== undefined && !d.foldedTags.includes(tag)) return false;
  if (q.registered !== undefined && d.registered !== q.registered) return false;
  if (q.archived !== undefined && d.archived !== q.archived) return false;
  if (q.receivedFrom !== undefined && d.receiptMs < q.receivedFrom) return false;
  if (q.receivedTo !== undefined && d.receiptMs > q.receivedTo) return false;
  if (q.expiresFrom !== undefined && d.expiryMs < q.expiresFrom) return false;
  if (q.expiresTo !== undefined && d.expiryMs > q.expiresTo) return false;
  return true;
}

function hasFilters(q: SearchQuery, tag: string | undefined): boolean {
  return !!(q.senders?.size || q.types?.size || q.labels?.size) || tag !== undefined || [q.registered, q.archived, q.receivedFrom, q.receivedTo, q.expiresFrom, q.expiresTo].some((v) => v !== undefined);
}

/** Indices into index.docs of the matching messages, sorted (newest received first by default). */
export function search(index: SearchIndex, q: SearchQuery): Int32Array {
  const terms = queryTerms(q.text);
  const mask = textMask(index, terms);
  const need = terms.length;
  const tag = q.tag ? fold(q.tag) : undefined;
  const o = order(index, q.sort ?? 'receipt');
  const descending = q.descending ?? (q.sort ?? 'receipt') === 'receipt';
  const out = new Int32Array(index.docs.length);
  // Typing into the search box with no filter on (the company is the index's own) is the common case: a tight
  // loop over the sort order, without a filter call per message.
  const filtered = hasFilters(q, tag) || (q.company !== undefined && q.company !== ALL_COMPANIES && (index.enterprises.size !== 1 || !index.enterprises.has(q.company)));
  let n = 0;
  for (let k = 0; k < o.length; k++) {
    const d = o[descending ? o.length - 1 - k : k]!;
    if (mask && mask[d] !== need) continue;
    if (filtered && !passesFilters(index.docs[d]!, q, tag)) continue;
    out[n++] = d;
  }
  return out.subarray(0, n);
}
