// Expiry recomputation over 100,000 seen messages (what the service worker does on every start, alarm and store
// change): Brussels days left, window, reminders due, badge. Against, in the same run: the obvious implementation
// (Intl formatToParts for every message, dates parsed in the sort comparator) and a floor (sorting by deadline
// alone, no calendar at all).
import { inWindow, stillInEbox } from '../../extension/src/expiry/expiring-messages.ts';
import { dueNotifications, updatedLog } from '../../extension/src/expiry/due-notifications.ts';
import { badgeFor } from '../../extension/src/expiry/toolbar-badge.ts';
import type { SeenMessage } from '../../extension/src/expiry/seen-message-source.ts';

const N = 100_000;
const NOW = Date.parse('2026-11-23T12:00:00+01:00');
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

const messages: SeenMessage[] = Array.from({ length: N }, (_, i) => ({
  messageId: `m${i}`,
  subject: { fr: `Décompte ${i}`, nl: `Afrekening ${i}` },
  senderOrganizationId: '0206731645',
  // Deadlines from 40 days ago to a year ahead, at any minute, written with the Brussels offset as the e-Box does.
  expirationDate: new Date(NOW + Math.floor((rnd() * 405 - 40) * 1440) * 60_000).toISOString().replace('Z', '+00:00'),
  archived: rnd() < 0.6,
}));

function recompute() {
  const pending = stillInEbox(messages, NOW);
  // As the service does: one pass over every message, then only the window is sorted.
  const window = inWindow(pending, 14);
  const due = dueNotifications(pending, [14, 7, 1], {});
  const log = updatedLog({}, due, pending);
  return { badge: badgeFor(window), due: due.length, log: Object.keys(log).length };
}

const brussels = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: 'numeric', day: 'numeric' });
function obviousDaysLeft(iso: string, now: number): number {
  const day = (t: number) => {
    const p = Object.fromEntries(brussels.formatToParts(t).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!) / 86_400_000;
  };
  return day(Date.parse(iso) - 1) - day(now);
}
function obviousRecompute() {
  const pending = messages
    .filter((m) => Date.parse(m.expirationDate) > NOW)
    .map((m) => ({ ...m, daysLeft: obviousDaysLeft(m.expirationDate, NOW) }))
    .sort((a, b) => Date.parse(a.expirationDate) - Date.parse(b.expirationDate));
  return pending.filter((m) => !m.archived && m.daysLeft <= 14).length;
}

function floor() {
  return messages
    .map((m) => ({ m, t: Date.parse(m.expirationDate) }))
    .filter((x) => x.t > NOW)
    .sort((a, b) => a.t - b.t).length;
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// First call in a fresh process: what a just-started service worker pays (no cached offsets).
const cold = time(recompute);
const warm = median(Array.from({ length: 9 }, () => time(recompute)));
const obvious = median(Array.from({ length: 3 }, () => time(obviousRecompute)));
const bare = median(Array.from({ length: 9 }, () => time(floor)));

// Same answers as the obvious implementation: the speed is not bought with wrong days.
const ours = stillInEbox(messages, NOW);
const mismatches = ours.filter((m) => m.daysLeft !== obviousDaysLeft(m.expirationDate, NOW)).length;
if (mismatches) throw new Error(`${mismatches} messages with different days left`);
const result = recompute();

console.log(`messages: ${N.toLocaleString('en')}  (still in the e-Box: ${ours.length.toLocaleString('en')}, badge ${result.badge.text}, reminders due ${result.due})`);
console.log(`recompute, first in a new worker: ${cold.toFixed(1)} ms`);
console.log(`recompute, warm (median of 9):    ${warm.toFixed(1)} ms  = ${((warm * 1000) / N).toFixed(2)} µs per message`);
console.log(`baseline, obvious Intl per message: ${obvious.toFixed(1)} ms  -> ours is ${(obvious / warm).toFixed(1)}x faster warm, ${(obvious / cold).toFixed(1)}x cold`);
console.log(`floor, sort by deadline only:      ${bare.toFixed(1)} ms  -> the calendar, window, reminders and badge cost ${(warm / bare).toFixed(2)}x the bare sort`);
