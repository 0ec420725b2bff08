import { describe, expect, it } from 'vitest';
import { newRecord } from '../archive/messages.ts';
import { message } from '../archive/test-messages.ts';
import type { MessageRecord } from '../archive/records.ts';
import { storedSearchDocOf, toSearchDoc } from './search-doc.ts';
import { buildIndex, queryTerms, search, type SearchQuery } from './search-index.ts';

function record(id: string, over: Record<string, unknown>, filing: Partial<MessageRecord> = {}): MessageRecord {
  return { ...newRecord({ message: message(id, over), names: { sender: { fr: 'Office national de sécurité sociale', nl: 'Rijksdienst voor Sociale Zekerheid', de: 'Landesamt für soziale Sicherheit' } } }, '2026-11-01T00:00:00Z'), ...filing };
}

const records = [
  record('fr', { subject: { fr: 'Lettre à François Müller' }, receiptDate: '2026-01-03T00:00:00Z', registeredMail: true }),
  record('nl', { subject: { nl: 'Bekendmaking van de beslissing' }, receiptDate: '2026-01-02T00:00:00Z', messageTypeId: 'T2' }, { tags: ['Été'], note: 'rappeler le comptable' }),
  record('de', { subject: { de: 'Mitteilung über Beiträge' }, receiptDate: '2026-01-01T00:00:00Z', senderOrganizationId: '0308357159', businessDataList: { items: [{ key: 'k', values: [{ fr: 'Réf. ÆØ-Straße 12' }] }] } }, { labels: ['L1'], archivedAt: '2026-11-02T00:00:00Z' }),
];
const index = buildIndex(records.map((r) => toSearchDoc(storedSearchDocOf(r), 'fr')), new Map([['L1', 'Clients / Öffentlich']]));
const ids = (q: SearchQuery) => Array.from(search(index, q), (i) => index.docs[i]!.messageId);

describe('archive search', () => {
  it('is accent- and case-insensitive in fr, nl and de', () => {
    expect(ids({ text: 'francois' })).toEqual(['fr']);
    expect(ids({ text: 'MULLER' })).toEqual(['fr']);
    expect(ids({ text: 'bekendmaking' })).toEqual(['nl']);
    expect(ids({ text: 'uber beitrage' })).toEqual(['de']);
    expect(ids({ text: 'strasse' })).toEqual([]);
    expect(ids({ text: 'straße' })).toEqual(['de']);
  });

  it('searches sender names, business data, tags, notes and label paths', () => {
    expect(ids({ text: 'rijksdienst' })).toEqual(['fr', 'nl', 'de']);
    expect(ids({ text: 'ref. æø' })).toEqual(['de']);
    expect(ids({ text: 'ete' })).toEqual(['nl']);
    expect(ids({ text: 'comptable' })).toEqual(['nl']);
    expect(ids({ text: 'offentlich' })).toEqual(['de']);
  });

  it('requires every term, in any order, and never matches across messages', () => {
    expect(ids({ text: 'muller lettre' })).toEqual(['fr']);
    expect(ids({ text: 'muller bekendmaking' })).toEqual([]);
  });

  it('filters by sender, type, label, tag, registered, archived and date ranges', () => {
    expect(ids({ senders: new Set(['0308357159']) })).toEqual(['de']);
    expect(ids({ types: new Set(['T2']) })).toEqual(['nl']);
    expect(ids({ labels: new Set(['L1']) })).toEqual(['de']);
    expect(ids({ tag: 'ETE' })).toEqual(['nl']);
    expect(ids({ registered: true })).toEqual(['fr']);
    expect(ids({ archived: true })).toEqual(['de']);
    expect(ids({ receivedFrom: Date.parse('2026-01-02T00:00:00Z') })).toEqual(['fr', 'nl']);
    expect(ids({ text: 'sociale', receivedTo: Date.parse('2026-01-02T00:00:00Z') })).toEqual(['nl', 'de']);
  });

  it('sorts newest first by default, and by subject or expiry on request', () => {
    expect(ids({})).toEqual(['fr', 'nl', 'de']);
    expect(ids({ sort: 'receipt', descending: false })).toEqual(['de', 'nl', 'fr']);
    expect(ids({ sort: 'subject' })).toEqual(['nl', 'fr', 'de']);
  });

  it('finds amounts written without the thousands separator, and payments in either decimal notation', () => {
    const amounts = [
      record('grouped', { businessDataList: { items: [{ key: 'montant', values: [{ fr: '1 410,80 EUR', nl: '1.410,80 EUR' }] }] } }),
      record('paid', { paymentData: { amount: 1410.8, currency: 'EUR', iban: 'BE68539007547034' } }),
      record('other', { businessDataList: { items: [{ key: 'montant', values: [{ fr: '14 108,00 EUR' }] }] } }),
    ];
    const idx = buildIndex(amounts.map((r) => toSearchDoc(storedSearchDocOf(r), 'fr')));
    const found = (text: string) => Array.from(search(idx, { text }), (i) => idx.docs[i]!.messageId).sort();
    expect(found('1410,80')).toEqual(['grouped', 'paid']);
    expect(found('1410.80')).toEqual(['paid']);
  });

  it('filters by company', () => {
    const mixed = [record('a', {}, { enterprise: '0412345614' }), record('b', {}, { enterprise: '0751234514' })];
    const idx = buildIndex(mixed.map((r) => toSearchDoc(storedSearchDocOf(r), 'fr')));
    expect(Array.from(search(idx, { company: '0751234514' }), (i) => idx.docs[i]!.messageId)).toEqual(['b']);
    expect(search(idx, { company: '*' })).toHaveLength(2);
    // An index of one company's mail (as the archive page loads it) asked for another company finds nothing.
    const onlyA = buildIndex([toSearchDoc(storedSearchDocOf(mixed[0]!), 'fr')]);
    expect(search(onlyA, { company: '0412345614' })).toHaveLength(1);
    expect(search(onlyA, { company: '0751234514' })).toHaveLength(0);
  });

  it('treats control characters and empty queries safely', () => {
    expect(queryTerms('\u0001 \u0000')).toEqual([]);
    expect(ids({ text: '   ' })).toHaveLength(3);
    expect(ids({ text: '<script>' })).toEqual([]);
  });
});
