// When the service worker must wake to recompute: at the next Brussels midnight (days left change then), at the end
// of quiet hours (held-back reminders), and hourly as a safety net. chrome.alarms survive the service worker;
// setTimeout would die with it.
import { browser } from 'wxt/browser';
import { nextMidnight } from './brussels-calendar.ts';
import { quietEndsAt, type QuietHours } from './quiet-hours.ts';

export const WAKE_ALARM = 'expiry-wake';
export const HOURLY_ALARM = 'expiry-hourly';

export function isExpiryAlarm(name: string): boolean {
  return name === WAKE_ALARM || name === HOURLY_ALARM;
}

/** The next moment anything expiry shows can change by itself. */
export function nextWake(now: number, quietHours: QuietHours): number {
  return Math.min(nextMidnight(now), quietEndsAt(now, quietHours) ?? Infinity);
}

export async function scheduleWake(when: number): Promise<void> {
  // A second past the boundary, so the recomputation surely sees the new day.
  await browser.alarms.create(WAKE_ALARM, { when: when + 1000 });
  if (!(await browser.alarms.get(HOURLY_ALARM))) {
    await browser.alarms.create(HOURLY_ALARM, { periodInMinutes: 60 });
  }
}
