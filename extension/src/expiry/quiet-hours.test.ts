import { describe, expect, it } from 'vitest';
import { isQuiet, quietEndsAt } from './quiet-hours.ts';

const overnight = { enabled: true, start: '22:00', end: '07:00' };
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  it('spans midnight on the Brussels clock', () => {
    expect(isQuiet(at('2026-11-23T21:59:00+01:00'), overnight)).toBe(false);
    expect(isQuiet(at('2026-11-23T22:00:00+01:00'), overnight)).toBe(true);
    expect(isQuiet(at('2026-11-24T03:00:00+01:00'), overnight)).toBe(true);
    expect(isQuiet(at('2026-11-24T07:00:00+01:00'), overnight)).toBe(false);
    // 21:30 UTC is 22:30 in Brussels.
    expect(isQuiet(at('2026-11-23T21:30:00Z'), overnight)).toBe(true);
  });

  it('works within one day, and not at all when disabled or empty', () => {
    const lunch = { enabled: true, start: '12:00', end: '13:30' };
    expect(isQuiet(at('2026-11-23T12:45:00+01:00'), lunch)).toBe(true);
    expect(isQuiet(at('2026-11-23T13:30:00+01:00'), lunch)).toBe(false);
    expect(isQuiet(at('2026-11-23T23:00:00+01:00'), { ...overnight, enabled: false })).toBe(false);
    expect(isQuiet(at('2026-11-23T23:00:00+01:00'), { enabled: true, start: '08:00', end: '08:00' })).toBe(false);
  });

  it('knows when the quiet period ends, across the spring clock change', () => {
    expect(quietEndsAt(at('2026-11-23T12:00:00+01:00'), overnight)).toBeNull();
    expect(new Date(quietEndsAt(at('2026-11-23T23:00:00+01:00'), overnight)!).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(new Date(quietEndsAt(at('2026-11-24T05:00:00+01:00'), overnight)!).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    // Night of 28-29 March 2026: ends at 07:00 summer time.
    expect(new Date(quietEndsAt(at('2026-03-28T23:00:00+01:00'), overnight)!).toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });

  it('refuses a malformed time', () => {
    expect(() => isQuiet(Date.now(), { enabled: true, start: '25:00', end: '07:00' })).toThrow(/HH:MM/);
  });
});
