// Which reminders to show now. Each message gets at most one reminder per threshold, ever: the log of thresholds
// already used is persisted by the caller. A message first seen inside several thresholds (5 days left with
// thresholds 14 and 7) gets one reminder, for the most urgent, and all those thresholds count as used.
import type { ExpiringMessage } from './expiring-messages.ts';

/** messageId -> thresholds (days) already notified. */
export type NotifiedLog = Record<string, number[]>;

export interface DueNotification {
  message: ExpiringMessage;
  /** The threshold this reminder is for (the smallest one crossed). */
  threshold: number;
  /** Every threshold this reminder uses up. */
  covers: number[];
}

/** `messages` are those still in the e-Box (stillInEbox); archived ones are skipped here. */
export function dueNotifications(
  messages: readonly ExpiringMessage[],
  thresholds: readonly number[],
  log: Readonly<NotifiedLog>,
): DueNotification[] {
  const due: DueNotification[] = [];
  for (const message of messages) {
    if (message.archived) continue;
    const done = log[message.messageId] ?? [];
    const crossed = thresholds.filter((t) => message.daysLeft <= t && !done.includes(t));
    if (crossed.length === 0) continue;
    due.push({ message, threshold: Math.min(...crossed), covers: crossed });
  }
  return due;
}

/** The log after showing `shown`, without entries for messages no longer in the e-Box or archived. */
export function updatedLog(
  log: Readonly<NotifiedLog>,
  shown: readonly DueNotification[],
  stillPending: readonly ExpiringMessage[],
): NotifiedLog {
  const keep = new Set(stillPending.filter((m) => !m.archived).map((m) => m.messageId));
  const next: NotifiedLog = {};
  for (const [id, thresholds] of Object.entries(log)) if (keep.has(id)) next[id] = [...thresholds];
  for (const n of shown) {
    const set = new Set([...(next[n.message.messageId] ?? []), ...n.covers]);
    next[n.message.messageId] = [...set].sort((a, b) => b - a);
  }
  return next;
}
