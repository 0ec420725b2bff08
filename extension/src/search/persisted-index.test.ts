import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { recordSeen } from '../archive/messages.ts';
import { message } from '../archive/test-messages.ts';
import { ALL_COMPANIES } from '../archive/company-scope.ts';
import { reconcile, scopeIndex, SEARCH_INDEX_VERSION, textHash, type PersistedIndex } from './persisted-index.ts';
import { buildIndex, search, textIndexOf, type TextIndex } from './search-index.ts';
import { toSearchDoc, type StoredSearchDoc } from './search-doc.ts';

const doc = (messageId: string, text: string) => ({ messageId, text });
const saved = (docs: { messageId: string; text: string }[], over: Partial<PersistedIndex> = {}): PersistedIndex => ({
  scope: 'x', version: SEARCH_INDEX_VERSION, messageIds: docs.map((d) => d.messageId), hashes: Int32Array.from(docs.map((d) => textHash(d.text))), builtAt: '', ...textIndexOf(docs.map((d) => d.text)), ...over,
});
/** Which docs (by id) each query finds in a text index. */
function finds(text: TextIndex, docs: { messageId: string; text: string }[], queries: string[]): Record<string, string[]> {
  const index = buildIndex(docs.map((d, i) => ({ ...d, enterprise: 'x', senderOrganizationId: '', messageTypeId: '', labels: [], tags: [], foldedTags: [], registered: false, archived: false, integrityMismatch: false, receiptMs: i, expiryMs: 0, subjectNames: {}, bytes: 0, subject: '', sender: '' })), new Map(), text);
  return Object.fromEntries(queries.map((q) => [q, Array.from(search(index, { text: q }), (i) => docs[i]!.messageId).sort()]));
}
const QUERIES = ['lettre', 'fran', 'rappel', 'onss', 'x', 'echeance 2026', 'zzz'];

describe('the saved search index', () => {
  it('is brought up to date by tokenising only new, edited and removed messages, finding what a fresh build finds', () => {
    const before = [doc('a', 'lettre francois onss'), doc('b', 'rappel echeance 2026'), doc('c', 'lettre rappel'), doc('d', 'onss 2026')];
    // b removed, c edited, e new; the order of the rows changed too.
    const after = [doc('e', 'echeance francaise xylophone'), doc('d', 'onss 2026'), doc('c', 'lettre sans suite'), doc('a', 'lettre francois onss')];
    const r = reconcile(saved(before), after);
    expect([r.rebuilt, r.fresh, r.dropped]).toEqual([false, 2, 2]);
    expect(finds(r.text, after, QUERIES)).toEqual(finds(textIndexOf(after.map((d) => d.text)), after, QUERIES));
    // "rappel" was only in b and the old c: it leaves the dictionary.
    expect(r.text.dictionary).not.toContain('rappel');
  });

  it('keeps a saved index that still holds as it is', () => {
    const docs = [doc('a', 'lettre francois'), doc('b', 'rappel')];
    const r = reconcile(saved(docs), [...docs].reverse());
    expect([r.rebuilt, r.fresh, r.dropped]).toEqual([false, 0, 0]);
    expect(finds(r.text, [...docs].reverse(), QUERIES)).toEqual({ lettre: ['a'], fran: ['a'], rappel: ['b'], onss: [], x: [], 'echeance 2026': [], zzz: [] });
  });

  it('is rebuilt when missing, of another version, or mostly out of date', () => {
    const docs = [doc('a', 'lettre'), doc('b', 'rappel'), doc('c', 'onss')];
    expect(reconcile(undefined, docs).rebuilt).toBe(true);
    expect(reconcile(saved(docs, { version: SEARCH_INDEX_VERSION - 1 }), docs).rebuilt).toBe(true);
    expect(reconcile(saved(docs), [doc('a', 'autre'), doc('b', 'texte'), doc('c', 'onss')]).rebuilt).toBe(true);
  });
});

describe('a company\'s index in the archive', () => {
  let db: ArchiveDb;
  afterEach(async () => db?.delete());
  const A = '0412345614', B = '0751234514';

  it('is saved per company, reused at the next opening, and follows archiving', async () => {
    db = openArchiveDb(`persisted-${Math.random()}`);
    await recordSeen(db, [
      { message: message('a1', { subject: { fr: 'Lettre de François' } }), names: {}, enterprise: A },
      { message: message('a2', { subject: { fr: 'Rappel échéance' } }), names: {}, enterprise: A },
      { message: message('b1', { subject: { fr: 'Lettre de Brouwerij' } }), names: {}, enterprise: B },
    ]);
    const first = await scopeIndex(db, A);
    await first.saved;
    expect(first.reconciled).toMatchObject({ rebuilt: true });
    expect(first.docs.map((d: StoredSearchDoc) => d.messageId).sort()).toEqual(['a1', 'a2']);
    expect((await db.searchIndexes.get(A))!.messageIds.sort()).toEqual(['a1', 'a2']);
    expect(await db.searchIndexes.get(B)).toBeUndefined();

    const again = await scopeIndex(db, A);
    expect(again.reconciled).toEqual({ rebuilt: false, fresh: 0, dropped: 0 });

    await recordSeen(db, [{ message: message('a3', { subject: { fr: 'Lettre recommandée' } }), names: {}, enterprise: A }]);
    const after = await scopeIndex(db, A);
    await after.saved;
    expect(after.reconciled).toEqual({ rebuilt: false, fresh: 1, dropped: 0 });
    const index = buildIndex(after.docs.map((d) => toSearchDoc(d, 'fr')), new Map(), after.text);
    expect(Array.from(search(index, { text: 'lettre' }), (i) => index.docs[i]!.messageId).sort()).toEqual(['a1', 'a3']);
    expect((await scopeIndex(db, A)).reconciled.fresh).toBe(0);

    const all = await scopeIndex(db, ALL_COMPANIES);
    expect(all.docs).toHaveLength(4);
  });
});
