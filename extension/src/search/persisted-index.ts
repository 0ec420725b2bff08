// The search index, kept in the archive between openings: one row per company (and one for "all companies" once
// chosen) in the searchIndexes table, holding the tokenised text (dictionary and postings) with, per message, a
// hash of the text it was built from. Opening the archive reads that row with the company's search rows and only
// tokenises what changed since (new, edited or removed messages), then saves the result: whoever archived in the
// meantime (the service worker refreshes after archiving, the page on each opening), the index is never rebuilt
// whole unless it is missing, of another version, or mostly out of date.
import { ALL_COMPANIES } from '../archive/company-scope.ts';
import type { ArchiveDb } from '../archive/db.ts';
import { dictionaryWords, packText, textIndexOf, wordsOf, type TextIndex } from './search-index.ts';
import type { StoredSearchDoc } from './search-doc.ts';

/** Bump when the text a doc is indexed from, or the layout below, changes: older rows are then rebuilt. */
export const SEARCH_INDEX_VERSION = 1;

export interface PersistedIndex extends TextIndex {
  /** A company's key, or ALL_COMPANIES. */
  scope: string;
  version: number;
  /** Doc d of the postings is the message messageIds[d], indexed from a text whose hash is hashes[d]. */
  messageIds: string[];
  hashes: Int32Array;
  builtAt: string;
}

/** FNV-1a over the UTF-16 code units: tells an edited text from the one the index was built from. */
export function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

export interface Reconciled {
  text: TextIndex;
  hashes: Int32Array;
  /** Docs tokenised now (new or edited since the saved index), and saved docs no longer there. */
  fresh: number;
  dropped: number;
  /** True when there was no usable saved index (missing, other version, or mostly out of date). */
  rebuilt: boolean;
}

/** The text index of `docs` (in their order), from the saved one where it still holds. */
export function reconcile(saved: PersistedIndex | undefined, docs: readonly Pick<StoredSearchDoc, 'messageId' | 'text'>[]): Reconciled {
  const hashes = new Int32Array(docs.length);
  for (let i = 0; i < docs.length; i++) hashes[i] = textHash(docs[i]!.text);
  const rebuild = (): Reconciled => ({ text: textIndexOf(docs.map((d) => d.text)), hashes, fresh: docs.length, dropped: saved?.messageIds.length ?? 0, rebuilt: true });
  if (!saved || saved.version !== SEARCH_INDEX_VERSION) return rebuild();
  const at = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) at.set(docs[i]!.messageId, i);
  // Saved doc k is new doc oldToNew[k], or -1 when the message is gone or its text changed.
  const oldToNew = new Int32Array(saved.messageIds.length).fill(-1);
  const covered = new Uint8Array(docs.length);
  let kept = 0;
  for (let k = 0; k < saved.messageIds.length; k++) {
    const i = at.get(saved.messageIds[k]!);
    if (i === undefined || covered[i] || hashes[i] !== saved.hashes[k]) continue;
    oldToNew[k] = i;
    covered[i] = 1;
    kept++;
  }
  const fresh: number[] = [];
  for (let i = 0; i < docs.length; i++) if (!covered[i]) fresh.push(i);
  const dropped = saved.messageIds.length - kept;
  // Past half the archive, tokenising everything is cheaper than merging.
  if (fresh.length > docs.length / 2) return rebuild();
  const words = dictionaryWords(saved);
  const lists: ArrayLike<number>[] = new Array(words.length);
  for (let w = 0; w < words.length; w++) {
    const from = saved.postingStarts[w]!, to = saved.postingStarts[w + 1]!;
    let n = 0;
    for (let k = from; k < to; k++) if (oldToNew[saved.postings[k]!]! >= 0) n++;
    const list = new Int32Array(n);
    n = 0;
    for (let k = from; k < to; k++) {
      const d = oldToNew[saved.postings[k]!]!;
      if (d >= 0) list[n++] = d;
    }
    lists[w] = list;
  }
  if (fresh.length) {
    const wordIds = new Map<string, number>();
    for (let w = 0; w < words.length; w++) wordIds.set(words[w]!, w);
    const added = new Map<number, number[]>();
    for (const d of fresh) {
      for (const word of wordsOf(docs[d]!.text)) {
        let w = wordIds.get(word);
        if (w === undefined) {
          w = words.length;
          words.push(word);
          lists.push(new Int32Array(0));
          wordIds.set(word, w);
        }
        (added.get(w) ?? added.set(w, []).get(w)!).push(d);
      }
    }
    for (const [w, ds] of added) lists[w] = Int32Array.from([...Array.from(lists[w]!), ...ds]);
  }
  // Words no message holds any more leave the dictionary.
  const live = words.map((_, w) => w).filter((w) => lists[w]!.length > 0);
  const text = live.length === words.length ? packText(words, (w) => lists[w]!) : packText(live.map((w) => words[w]!), (i) => lists[live[i]!]!);
  return { text, hashes, fresh: fresh.length, dropped, rebuilt: false };
}

/** The search rows of one company (or all), oldest received first. */
export async function scopeDocs(db: ArchiveDb, scope: string): Promise<StoredSearchDoc[]> {
  const rows = scope === ALL_COMPANIES ? await db.searchDocs.toArray() : await db.searchDocs.where('enterprise').equals(scope).toArray();
  // Sorted here, not by the [enterprise+receiptMs] index: a row whose date is unreadable has no key there.
  return rows.sort((a, b) => (a.receiptMs || 0) - (b.receiptMs || 0));
}

/** Reads the saved index of `scope` with its rows, brings it up to date and saves it when anything changed. */
export async function scopeIndex(db: ArchiveDb, scope: string): Promise<{ docs: StoredSearchDoc[]; text: TextIndex; reconciled: Omit<Reconciled, 'text' | 'hashes'>; saved: Promise<void> }> {
  const [stored, docs] = await Promise.all([db.searchIndexes.get(scope), scopeDocs(db, scope)]);
  const r = reconcile(stored, docs);
  let saved = Promise.resolve();
  if (r.rebuilt || r.fresh || r.dropped) {
    const row: PersistedIndex = { scope, version: SEARCH_INDEX_VERSION, messageIds: docs.map((d) => d.messageId), hashes: r.hashes, ...r.text, builtAt: new Date().toISOString() };
    // Saving is for the next opening: this one goes on with the index in hand, whether or not the write succeeds.
    saved = db.searchIndexes.put(row).then(() => undefined, () => undefined);
  }
  return { docs, text: r.text, reconciled: { fresh: r.fresh, dropped: r.dropped, rebuilt: r.rebuilt }, saved };
}

/** Brings the saved indexes of these companies up to date (after archiving or filing), without keeping them in
 *  memory. Only indexes someone opened are kept: a company never shown in the archive page costs nothing here. */
export async function refreshSavedIndexes(db: ArchiveDb, scopes: Iterable<string>): Promise<void> {
  const saved = new Set((await db.searchIndexes.toCollection().primaryKeys()) as string[]);
  for (const scope of new Set([...scopes, ALL_COMPANIES])) if (saved.has(scope)) await (await scopeIndex(db, scope)).saved;
}

const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** After messages of `scope` were recorded or filed: refreshes its saved index a little later, once for a burst. */
export function keepIndexCurrent(db: ArchiveDb, scope: string, delayMs = 10_000): void {
  pending.add(scope);
  timer ??= setTimeout(() => {
    timer = undefined;
    const scopes = [...pending];
    pending.clear();
    refreshSavedIndexes(db, scopes).catch((e: unknown) => console.error('[e-Box Keeper] search index', e));
  }, delayMs);
}
