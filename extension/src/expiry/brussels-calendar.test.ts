import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BRUSSELS,
  calendarDateAt,
  dayNumber,
  dayNumberAt,
  daysLeft,
  instantOfWallClock,
  nextMidnight,
  wallClockAt,
} from './brussels-calendar.ts';

const at = (iso: string) => Date.parse(iso);

describe('daysLeft in Europe/Brussels', () => {
  it('counts calendar days across the spring-forward change (a 23-hour day)', () => {
    // 2026-03-29 02:00 CET -> 03:00 CEST: only 47 hours separate these instants, yet they are 2 days apart.
    expect(daysLeft('2026-03-30T12:00:00+02:00', at('2026-03-28T12:00:00+01:00'))).toBe(2);
    expect(daysLeft('2026-03-30T00:30:00+02:00', at('2026-03-29T00:30:00+01:00'))).toBe(1);
  });

  it('counts calendar days across the fall-back change (a 25-hour day)', () => {
    // 2026-10-25 03:00 CEST -> 02:00 CET: 25 hours from 00:30 to 00:30 the next day, still one day.
    expect(daysLeft('2026-10-26T00:30:00+01:00', at('2026-10-25T00:30:00+02:00'))).toBe(1);
    expect(daysLeft('2026-10-26T00:30:00+01:00', at('2026-10-24T23:30:00+02:00'))).toBe(2);
  });

  it('changes at Brussels midnight, not UTC midnight', () => {
    const expiry = '2026-11-30T12:00:00+01:00';
    expect(daysLeft(expiry, at('2026-11-23T23:59:59+01:00'))).toBe(7);
    expect(daysLeft(expiry, at('2026-11-24T00:00:00+01:00'))).toBe(6);
    // 23:30 UTC is already the next day in Brussels.
    expect(daysLeft(expiry, at('2026-11-23T23:30:00Z'))).toBe(6);
  });

  it('treats a deadline at exactly midnight as the end of the previous day', () => {
    const expiry = '2026-11-25T00:00:00+01:00';
    expect(daysLeft(expiry, at('2026-11-24T08:00:00+01:00'))).toBe(0);
    expect(daysLeft('2026-11-25T00:00:01+01:00', at('2026-11-24T08:00:00+01:00'))).toBe(1);
    expect(daysLeft(expiry, at('2026-11-23T23:59:00+01:00'))).toBe(1);
  });

  it('reads deadlines given in UTC or with another offset in Brussels time', () => {
    // 23:30 UTC is 00:30 the next day in winter; 22:30 UTC is 00:30 the next day in summer.
    expect(daysLeft('2026-11-24T23:30:00Z', at('2026-11-24T12:00:00+01:00'))).toBe(1);
    expect(daysLeft('2026-07-01T22:30:00Z', at('2026-07-01T12:00:00+02:00'))).toBe(1);
    expect(daysLeft('2026-07-01T21:30:00Z', at('2026-07-01T12:00:00+02:00'))).toBe(0);
  });

  it('refuses a deadline that is not a date', () => {
    expect(() => daysLeft('soon', Date.now())).toThrow(/not a date-time/);
  });
});

describe('wall clock and midnights', () => {
  it('finds the next Brussels midnight on both sides of a clock change', () => {
    expect(new Date(nextMidnight(at('2026-03-28T12:00:00+01:00'))).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(nextMidnight(at('2026-03-29T12:00:00+02:00'))).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(nextMidnight(at('2026-10-25T01:00:00+02:00'))).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    // Exactly at midnight, the next one is a day later.
    expect(new Date(nextMidnight(at('2026-11-24T00:00:00+01:00'))).toISOString()).toBe('2026-11-24T23:00:00.000Z');
  });

  it('maps wall-clock times to instants, including the skipped and the repeated hour', () => {
    expect(instantOfWallClock({ year: 2026, month: 7, day: 14, hour: 7, minute: 0 })).toBe(at('2026-07-14T05:00:00Z'));
    expect(instantOfWallClock({ year: 2026, month: 1, day: 14, hour: 7, minute: 0 })).toBe(at('2026-01-14T06:00:00Z'));
    // 02:30 does not exist on 2026-03-29: moved forward by the gap.
    expect(instantOfWallClock({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 })).toBe(at('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 2026-10-25: the first one (still summer time).
    expect(instantOfWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 })).toBe(at('2026-10-25T00:30:00Z'));
  });

  it('reads the wall clock with the offset in force', () => {
    expect(wallClockAt(at('2026-10-25T00:30:00Z'))).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(wallClockAt(at('2026-10-25T01:30:00Z'))).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(wallClockAt(at('2026-10-25T02:30:00Z'))).toMatchObject({ day: 25, hour: 3, minute: 30 });
  });
});

describe('cached offsets', () => {
  it('give the same calendar date as Intl for any instant, clock-change days and other zones included', () => {
    const zones = [BRUSSELS, 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.oneof(
          fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }),
          // Around Brussels' clock changes, to the millisecond.
          fc.constantFrom(Date.parse('2026-03-29T01:00:00Z'), Date.parse('2026-10-25T01:00:00Z')).chain((t) => fc.integer({ min: t - 7_200_000, max: t + 7_200_000 })),
        ),
        (zone, instant) => {
          const viaIntl = wallClockAt(instant, zone);
          expect(calendarDateAt(instant, zone)).toEqual({ year: viaIntl.year, month: viaIntl.month, day: viaIntl.day });
          expect(dayNumberAt(instant, zone)).toBe(dayNumber(viaIntl));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
