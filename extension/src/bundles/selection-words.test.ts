import { describe, expect, it } from 'vitest';
import { selectionWords } from './selection-words.ts';

describe('selection in words for report.pdf', () => {
  it('says a selection is a selection', () => {
    expect(selectionWords(20, { selected: true })).toBe('20 messages selected on the archive page');
  });

  it('spells out the filter, or the whole archive when there is none', () => {
    expect(selectionWords(7, { filter: { sender: 'ONSS', label: 'Tax/2026', receivedFrom: '2026-01-01', receivedTo: '2026-06-30', registered: true } })).toBe(
      '7 messages, archive page filter: sender ONSS, label Tax/2026, registered mail, received 2026-01-01..2026-06-30',
    );
    expect(selectionWords(3, { filter: { text: 'décompte', expiresTo: '2027-01-01', archived: false } })).toBe(
      '3 messages, archive page filter: search "décompte", seen, not archived, expiring until 2027-01-01',
    );
    expect(selectionWords(100, { filter: {} })).toBe('100 messages, the whole archive');
  });

  it('counts one message in the singular', () => {
    expect(selectionWords(1, { selected: true })).toBe('1 message selected on the archive page');
  });

  it('stays within the 500 characters the helper accepts', () => {
    expect(selectionWords(1, { filter: { text: 'x'.repeat(800) } }).length).toBe(500);
  });
});
