// Dates as the Message Registry writes them: yyyy-MM-dd'T'HH:mm:ssXXX in Brussels time (CET/CEST).

/** Last Sunday of a month at 01:00 UTC: when the EU switches between summer and winter time. */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}

export function brusselsOffsetMinutes(date: Date): number {
  const y = date.getUTCFullYear();
  const t = date.getTime();
  return t >= lastSundayUtc(y, 2) && t < lastSundayUtc(y, 9) ? 120 : 60;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatBrussels(date: Date): string {
  const offset = brusselsOffsetMinutes(date);
  const local = new Date(date.getTime() + offset * 60_000);
  const day = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${day}T${time}+${pad(offset / 60)}:00`;
}

/** Adds a message type's validity period, calendar-wise as the registry does (a month is a calendar month). */
export function addPeriod(date: Date, n: number, unit: 'day' | 'month' | 'year'): Date {
  const d = new Date(date.getTime());
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
}

export const DAY_MS = 86_400_000;
