import { describe, expect, it } from 'vitest';
import { archiveSize, expiringPerWeek, messagesPerSenderPerMonth } from './dashboard-stats.ts';
import type { SearchDoc } from './search-doc.ts';

const doc = (sender: string, receipt: string, expiry: string, bytes = 0, archived = false): SearchDoc => ({
  messageId: `${sender}${receipt}`, enterprise: '0412345614', text: '', senderOrganizationId: sender, messageTypeId: 't', labels: [], tags: [], foldedTags: [], registered: false, archived,
  integrityMismatch: false, receiptMs: Date.parse(receipt), expiryMs: Date.parse(expiry), subjectNames: {}, subject: '', sender, bytes,
});
const now = Date.parse('2026-11-23T12:00:00Z');

describe('dashboard figures', () => {
  it('counts messages per sender per month, top senders then the others', () => {
    const docs = [doc('ONSS', '2026-11-02', '2027-01-01'), doc('ONSS', '2026-10-02', '2027-01-01'), doc('SPF', '2026-11-05', '2027-01-01'), doc('INAMI', '2026-11-06', '2027-01-01'), doc('OLD', '2024-01-01', '2027-01-01')];
    const r = messagesPerSenderPerMonth(docs, now, 3, 2, 'others');
    expect(r.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(r.series).toEqual([{ sender: 'ONSS', counts: [0, 1, 1] }, { sender: 'SPF', counts: [0, 0, 1] }, { sender: 'others', counts: [0, 0, 1] }]);
  });
  it('counts expiries per week from now, ignoring the past and beyond', () => {
    const docs = [doc('a', '2026-01-01', '2026-11-24T00:00:00Z'), doc('a', '2026-01-01', '2026-12-01T13:00:00Z'), doc('a', '2026-01-01', '2026-11-20'), doc('a', '2026-01-01', '2028-01-01')];
    expect(expiringPerWeek(docs, now, 3)).toEqual([1, 1, 0]);
  });
  it('sums the archive size', () => {
    expect(archiveSize([doc('a', '2026-01-01', '2027-01-01', 100, true), doc('b', '2026-01-01', '2027-01-01', 50)])).toEqual({ bytes: 150, messages: 2, archived: 1 });
  });
});
