import { describe, expect, it } from 'vitest';
import { archiveCounts, inWindow, stillInEbox, urgencyOf } from './expiring-messages.ts';

const expiringWithin = (list: Parameters<typeof stillInEbox>[0], at: number, days: number) => inWindow(stillInEbox(list, at), days);
import { badgeFor, BADGE_COLORS } from './toolbar-badge.ts';
import { seenMessage } from './test-messages.ts';

const now = Date.parse('2026-11-23T12:00:00+01:00');
const messages = [
  seenMessage('twenty', '2026-12-13T12:00:00+01:00'),
  seenMessage('one', '2026-11-24T12:00:00+01:00'),
  seenMessage('five', '2026-11-28T12:00:00+01:00'),
  seenMessage('five-archived', '2026-11-28T10:00:00+01:00', true),
  seenMessage('gone', '2026-11-23T11:59:00+01:00'),
  seenMessage('fourteen', '2026-12-07T23:59:00+01:00'),
  seenMessage('fifteen', '2026-12-08T00:01:00+01:00'),
];

describe('expiring messages', () => {
  it('keeps the unarchived ones inside the window, most urgent first', () => {
    const list = expiringWithin(messages, now, 14);
    expect(list.map((m) => [m.messageId, m.daysLeft])).toEqual([
      ['one', 1],
      ['five', 5],
      ['fourteen', 14],
    ]);
  });

  it('follows the configured window', () => {
    expect(expiringWithin(messages, now, 5).map((m) => m.messageId)).toEqual(['one', 'five']);
    expect(expiringWithin(messages, now, 30).map((m) => m.messageId)).toEqual(['one', 'five', 'fourteen', 'fifteen', 'twenty']);
  });

  it('drops messages already deleted by the e-Box and ignores unreadable deadlines', () => {
    const list = stillInEbox([...messages, seenMessage('broken', 'not a date')], now);
    expect(list.map((m) => m.messageId)).not.toContain('gone');
    expect(list.map((m) => m.messageId)).not.toContain('broken');
  });

  it('counts archived and not archived among the messages still in the e-Box', () => {
    expect(archiveCounts(stillInEbox(messages, now))).toEqual({ archived: 1, notArchived: 5 });
  });

  it('grades urgency: under 3 days critical, under 7 soon', () => {
    expect([0, 2, 3, 6, 7, 14].map(urgencyOf)).toEqual(['critical', 'critical', 'soon', 'soon', 'later', 'later']);
  });
});

describe('toolbar badge', () => {
  it('shows the count in the colour of the most urgent message', () => {
    expect(badgeFor(expiringWithin(messages, now, 14))).toEqual({ text: '3', color: BADGE_COLORS.critical, urgency: 'critical' });
    const later = expiringWithin(messages, Date.parse('2026-11-23T12:00:00+01:00'), 14).filter((m) => m.daysLeft >= 5);
    expect(badgeFor(later)).toMatchObject({ text: '2', color: BADGE_COLORS.soon });
  });

  it('is empty when nothing expires', () => {
    expect(badgeFor([]).text).toBe('');
  });

  it('keeps large counts short', () => {
    const many = stillInEbox(Array.from({ length: 1200 }, (_, i) => seenMessage(`m${i}`, '2026-12-01T12:00:00+01:00')), now);
    expect(badgeFor(many)).toMatchObject({ text: '999+', urgency: 'later' });
  });
});
