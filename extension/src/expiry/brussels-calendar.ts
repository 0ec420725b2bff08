// Calendar arithmetic in the e-Box's time zone. "5 days left" means five Brussels calendar days, whatever the
// clock change in between: days are counted on Y-M-D dates (converted to a UTC day number), never as 24-hour
// blocks, and the wall clock is read with Intl so daylight-saving rules come from the platform's tz database.

export const BRUSSELS = 'Europe/Brussels';
const DAY_MS = 86_400_000;

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`. */
export function wallClockAt(instant: number, timeZone = BRUSSELS): WallClock & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/**
 * The zone's UTC offset at `instant`, in milliseconds, cached: a recomputation reads the calendar date of every seen
 * message, and 100,000 Intl lookups take seconds. Per UTC day the offsets at its first and last millisecond are
 * looked up; when they agree (every day but the two clock-change days a year) the whole day has that offset.
 * Otherwise the quarter hour decides: clock changes happen on quarter hours in every zone in use.
 */
const QUARTER_HOUR = 900_000;
interface ZoneCache {
  days: Map<number, number | null>;
  quarters: Map<number, number>;
}
const offsetCache = new Map<string, ZoneCache>();
function cachedOffset(instant: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = { days: new Map(), quarters: new Map() }));
  const day = Math.floor(instant / DAY_MS);
  let whole = zone.days.get(day);
  if (whole === undefined) {
    if (zone.days.size > 100_000) zone.days.clear();
    const first = offsetAt(day * DAY_MS, timeZone);
    whole = first === offsetAt((day + 1) * DAY_MS - 1, timeZone) ? first : null;
    zone.days.set(day, whole);
  }
  if (whole !== null) return whole;
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = zone.quarters.get(quarter);
  if (offset === undefined) {
    offset = offsetAt(quarter * QUARTER_HOUR, timeZone);
    zone.quarters.set(quarter, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of the calendar date in `timeZone` at `instant`. */
export function dayNumberAt(instant: number, timeZone = BRUSSELS): number {
  return Math.floor((instant + cachedOffset(instant, timeZone)) / DAY_MS);
}

export function calendarDateAt(instant: number, timeZone = BRUSSELS): CalendarDate {
  const d = new Date(dayNumberAt(instant, timeZone) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Days since 1970-01-01 of a calendar date: a DST-free axis for counting days. */
export function dayNumber(date: CalendarDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date((dayNumber(date) + days) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Brussels: +1 h in winter, +2 h in summer). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the wall clock in `timeZone` shows `clock`. A time skipped by the spring-forward change (02:30 on the
 * last Sunday of March) moves forward by the gap (03:30), as JavaScript's Date does; a time shown twice in autumn
 * resolves to the first one.
 */
export function instantOfWallClock(clock: WallClock, timeZone = BRUSSELS): number {
  const naive = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  // Try the offsets in force a day either side: one of them is the right one unless the time is in a gap.
  const candidates = [offsetAt(naive - DAY_MS, timeZone), offsetAt(naive + DAY_MS, timeZone)]
    .map((offset) => naive - offset)
    .filter((instant) => {
      const w = wallClockAt(instant, timeZone);
      return w.hour === clock.hour && w.minute === clock.minute && w.day === clock.day;
    })
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In the gap: reading the time with the offset from before the change lands one gap later.
  return naive - Math.min(offsetAt(naive - DAY_MS, timeZone), offsetAt(naive + DAY_MS, timeZone));
}

/** The next instant the date changes in `timeZone` (the coming midnight). */
export function nextMidnight(now: number, timeZone = BRUSSELS): number {
  const tomorrow = addDays(calendarDateAt(now, timeZone), 1);
  return instantOfWallClock({ ...tomorrow, hour: 0, minute: 0 }, timeZone);
}

/**
 * Whole calendar days from today to the last day to save: 0 = today is the last day, 1 = tomorrow, negative =
 * already gone. Counted in Brussels, so 23:59 and 00:01 are on different days and a clock change costs nothing.
 */
export function daysLeft(expirationDate: string, now: number, timeZone = BRUSSELS): number {
  const instant = Date.parse(expirationDate);
  if (Number.isNaN(instant)) throw new Error(`not a date-time: ${JSON.stringify(expirationDate)}`);
  return daysLeftUntil(instant, now, timeZone);
}

/**
 * daysLeft for a deadline already parsed to epoch milliseconds. The last day to save is the calendar day of the
 * deadline's last millisecond: a deadline at exactly midnight leaves the day before as the last one.
 */
export function daysLeftUntil(deadline: number, now: number, timeZone = BRUSSELS): number {
  return dayNumberAt(deadline - 1, timeZone) - dayNumberAt(now, timeZone);
}
