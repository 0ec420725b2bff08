// Quiet hours on the Brussels wall clock, possibly across midnight (22:00-07:00).
import { BRUSSELS, addDays, calendarDateAt, instantOfWallClock, wallClockAt } from './brussels-calendar.ts';

export interface QuietHours {
  enabled: boolean;
  /** "HH:MM", 24-hour */
  start: string;
  end: string;
}

function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day (HH:MM): ${JSON.stringify(hhmm)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function isQuiet(now: number, quiet: QuietHours, timeZone = BRUSSELS): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const w = wallClockAt(now, timeZone);
  const m = w.hour * 60 + w.minute;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** When the current quiet period ends, or null when it is not quiet now. */
export function quietEndsAt(now: number, quiet: QuietHours, timeZone = BRUSSELS): number | null {
  if (!isQuiet(now, quiet, timeZone)) return null;
  const end = minutesOf(quiet.end);
  const clock = { hour: Math.floor(end / 60), minute: end % 60 };
  const today = calendarDateAt(now, timeZone);
  const todayEnd = instantOfWallClock({ ...today, ...clock }, timeZone);
  return todayEnd > now ? todayEnd : instantOfWallClock({ ...addDays(today, 1), ...clock }, timeZone);
}
