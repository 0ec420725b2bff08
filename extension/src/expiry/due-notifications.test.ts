import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueNotifications, updatedLog, type DueNotification, type NotifiedLog } from './due-notifications.ts';
import { stillInEbox } from './expiring-messages.ts';
import { seenMessage } from './test-messages.ts';

const THRESHOLDS = [14, 7, 1];

/** Walks the clock from `from` to `to` in `stepMs` steps, showing what is due each time, as the alarm would. */
function simulate(messages: ReturnType<typeof seenMessage>[], from: number, to: number, stepMs: number, thresholds = THRESHOLDS) {
  let log: NotifiedLog = {};
  const shown: { id: string; threshold: number; daysLeft: number; at: number }[] = [];
  for (let t = from; t <= to; t += stepMs) {
    const pending = stillInEbox(messages, t);
    const due = dueNotifications(pending, thresholds, log);
    for (const d of due) shown.push({ id: d.message.messageId, threshold: d.threshold, daysLeft: d.message.daysLeft, at: t });
    log = updatedLog(log, due, pending);
  }
  return shown;
}

describe('due notifications', () => {
  it('reminds once at 14, 7 and 1 days, however often the alarm fires, across the autumn clock change', () => {
    const shown = simulate(
      [seenMessage('m', '2026-11-01T12:00:00+01:00')],
      Date.parse('2026-10-10T00:00:00+02:00'),
      Date.parse('2026-11-01T11:00:00+01:00'),
      15 * 60_000,
    );
    expect(shown.map((s) => [s.threshold, s.daysLeft, new Date(s.at).toISOString()])).toEqual([
      [14, 14, '2026-10-17T22:00:00.000Z'], // Brussels midnight, summer time
      [7, 7, '2026-10-24T22:00:00.000Z'],
      [1, 1, '2026-10-30T23:00:00.000Z'], // Brussels midnight, winter time
    ]);
  });

  it('gives a message first seen inside several thresholds one reminder, for the most urgent', () => {
    const pending = stillInEbox([seenMessage('m', '2026-11-28T12:00:00+01:00')], Date.parse('2026-11-23T12:00:00+01:00'));
    const due = dueNotifications(pending, THRESHOLDS, {});
    expect(due.map((d) => [d.threshold, d.covers])).toEqual([[7, [14, 7]]]);
    const log = updatedLog({}, due, pending);
    expect(dueNotifications(pending, THRESHOLDS, log)).toEqual([]);
  });

  it('never reminds about archived messages and forgets them in the log', () => {
    const now = Date.parse('2026-11-23T12:00:00+01:00');
    const archived = stillInEbox([seenMessage('m', '2026-11-24T12:00:00+01:00', true)], now);
    expect(dueNotifications(archived, THRESHOLDS, {})).toEqual([]);
    expect(updatedLog({ m: [14, 7] }, [], archived)).toEqual({});
  });

  it('never shows the same threshold twice for a message, for any clock walk and thresholds', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 10, max: 600 }),
        (thresholds, daysAhead, stepMinutes) => {
          const start = Date.parse('2026-03-20T09:17:00+01:00');
          const expiry = new Date(start + daysAhead * 86_400_000).toISOString();
          const shown = simulate([seenMessage('m', expiry)], start, start + daysAhead * 86_400_000, stepMinutes * 60_000, thresholds);
          const keys = shown.map((s) => s.threshold);
          expect(new Set(keys).size).toBe(keys.length);
          for (const s of shown) expect(s.daysLeft).toBeLessThanOrEqual(s.threshold);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the log sorted and merged', () => {
    const pending = stillInEbox([seenMessage('m', '2026-11-24T12:00:00+01:00')], Date.parse('2026-11-23T12:00:00+01:00'));
    const due: DueNotification[] = [{ message: pending[0]!, threshold: 1, covers: [1] }];
    expect(updatedLog({ m: [14, 7] }, due, pending)).toEqual({ m: [14, 7, 1] });
  });
});
