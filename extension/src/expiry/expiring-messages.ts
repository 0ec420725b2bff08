// Which seen messages are about to be deleted, most urgent first. Pure: the clock and settings come in.
import { BRUSSELS, daysLeftUntil } from './brussels-calendar.ts';
import type { SeenMessage } from './seen-message-source.ts';

export interface ExpiringMessage extends SeenMessage {
  /** Brussels calendar days until the last day to save it: 0 = today. */
  daysLeft: number;
  /** expirationDate as epoch milliseconds. */
  deadline: number;
}

export type Urgency = 'critical' | 'soon' | 'later';

/** Under 3 days is critical (red), under 7 soon (orange), the rest of the window later. */
export function urgencyOf(days: number): Urgency {
  if (days < 3) return 'critical';
  if (days < 7) return 'soon';
  return 'later';
}

/** Messages still in the e-Box (not yet past their expiration instant) with their days left, in no order. */
export function stillInEbox(messages: readonly SeenMessage[], now: number, timeZone = BRUSSELS): ExpiringMessage[] {
  const out: ExpiringMessage[] = [];
  for (const m of messages) {
    const deadline = Date.parse(m.expirationDate);
    if (Number.isNaN(deadline) || deadline <= now) continue;
    out.push({ ...m, daysLeft: daysLeftUntil(deadline, now, timeZone), deadline });
  }
  return out;
}

/** Soonest deadline first; ties in message-id order, so the list never reshuffles. */
export function byDeadline(a: ExpiringMessage, b: ExpiringMessage): number {
  return a.deadline - b.deadline || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/** The not yet archived among `pending` (stillInEbox) due within `windowDays` calendar days, soonest first. */
export function inWindow(pending: readonly ExpiringMessage[], windowDays: number): ExpiringMessage[] {
  // Only this short list is sorted: sorting every message still in the e-Box would cost more than the rest.
  return pending.filter((m) => !m.archived && m.daysLeft <= windowDays).sort(byDeadline);
}

export interface ArchiveCounts {
  archived: number;
  notArchived: number;
}

/** Counts over the messages still in the e-Box (`pending` from stillInEbox). */
export function archiveCounts(pending: readonly ExpiringMessage[]): ArchiveCounts {
  let archived = 0;
  for (const m of pending) if (m.archived) archived++;
  return { archived, notArchived: pending.length - archived };
}
