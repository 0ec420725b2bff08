// A day typed the way the reader's language writes it (31/12/2026, 31.12.2026) or as ISO (2026-12-31), read as
// that Brussels calendar day: the archive's date filters never depend on the browser's own locale or time zone.
import { instantOfWallClock } from '../expiry/brussels-calendar.ts';

export interface Day {
  year: number;
  month: number;
  day: number;
}

export function parseDay(text: string): Day | undefined {
  const s = text.trim();
  const local = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const [year, month, day] = local ? [Number(local[3]), Number(local[2]), Number(local[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** The first (or, with `end`, the last) millisecond of that day in Brussels. */
export function brusselsDayBound(d: Day, end = false): number {
  if (!end) return instantOfWallClock({ ...d, hour: 0, minute: 0 });
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return instantOfWallClock({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }) - 1;
}
