// Which seen messages are about to be deleted, most urgent first. Pure: the clock and settings come in.
import { BRUSSELS, daysLeft } from './brussels-calendar.ts';
import type { SeenMessage } from './seen-message-source.ts';

export interface ExpiringMessage extends SeenMessage {
  /** Brussels calendar days until the last day to save it: 0 = today. */
  daysLeft: number;
}

export type Urgency = 'critical' | 'soon' | 'later';

/** Under 3 days is critical (red), under 7 soon (orange), the rest of the window later. */
export function urgencyOf(days: number): Urgency {
  if (days < 3) return 'critical';
  if (days < 7) return 'soon';
  return 'later';
}

/** Messages still in the e-Box (not yet past their expiration instant) with their days left. */
export function stillInEbox(messages: readonly SeenMessage[], now: number, timeZone = BRUSSELS): ExpiringMessage[] {
  const out: ExpiringMessage[] = [];
  for (const m of messages) {
    const deadline = Date.parse(m.expirationDate);
    if (Number.isNaN(deadline) || deadline <= now) continue;
    out.push({ ...m, daysLeft: daysLeft(m.expirationDate, now, timeZone) });
  }
  return out.sort(byDeadline);
}

/** Not yet archived and due within `windowDays` calendar days, sorted by deadline. */
export function expiringWithin(
  messages: readonly SeenMessage[],
  now: number,
  windowDays: number,
  timeZone = BRUSSELS,
): ExpiringMessage[] {
  return stillInEbox(messages, now, timeZone).filter((m) => !m.archived && m.daysLeft <= windowDays);
}

function byDeadline(a: ExpiringMessage, b: ExpiringMessage): number {
  return Date.parse(a.expirationDate) - Date.parse(b.expirationDate) || a.messageId.localeCompare(b.messageId);
}

export interface ArchiveCounts {
  archived: number;
  notArchived: number;
}

/** Counts over the messages still in the e-Box. */
export function archiveCounts(messages: readonly SeenMessage[], now: number): ArchiveCounts {
  let archived = 0;
  let notArchived = 0;
  for (const m of messages) {
    if (Date.parse(m.expirationDate) <= now) continue;
    if (m.archived) archived++;
    else notArchived++;
  }
  return { archived, notArchived };
}
