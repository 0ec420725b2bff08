import { describe, expect, it } from 'vitest';
import { selectionWords } from './selection-words.ts';

describe('selection in words for report.pdf', () => {
  it('says a selection is a selection', () => {
    expect(selectionWords(20, { selected: true })).toBe('20 message(s) selected on the archive page');
  });

  it('spells out the filter, or the whole archive when there is none', () => {
    expect(selectionWords(7, { filter: { sender: 'ONSS', label: 'Tax/2026', receivedFrom: '2026-01-01', receivedTo: '2026-06-30', registered: true } })).toBe(
      '7 message(s), archive page filter: sender ONSS, label Tax/2026, registered mail, received 2026-01-01..2026-06-30',
    );
    expect(selectionWords(3, { filter: { text: 'décompte', expiresTo: '2027-01-01', archived: false } })).toBe(
      '3 message(s), archive page filter: search "décompte", seen, not archived, expiring until 2027-01-01',
    );
    expect(selectionWords(100, { filter: {} })).toBe('100 message(s), the whole archive');
  });

  it('stays within the 500 characters the helper accepts', () => {
    expect(selectionWords(1, { filter: { text: 'x'.repeat(800) } }).length).toBe(500);
  });
});
