// Figures for the archive page's dashboard, computed from the search docs (no storage, no DOM).
import type { SearchDoc } from './search-doc.ts';

export interface SenderMonths {
  months: string[];
  /** Top senders by volume over the period, then "others". */
  series: { sender: string; counts: number[] }[];
}

const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** Messages per sender per month, for the `months` months ending with the month of `now`. */
export function messagesPerSenderPerMonth(docs: readonly SearchDoc[], now: number, months = 12, topSenders = 5, othersLabel = '…'): SenderMonths {
  const end = new Date(now);
  const keys: string[] = [];
  for (let i = months - 1; i >= 0; i--) keys.push(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  const index = new Map(keys.map((k, i) => [k, i]));
  const bySender = new Map<string, number[]>();
  for (const d of docs) {
    const i = index.get(monthKey(d.receiptMs));
    if (i === undefined) continue;
    let counts = bySender.get(d.sender);
    if (!counts) bySender.set(d.sender, (counts = new Array<number>(months).fill(0)));
    counts[i]!++;
  }
  const ranked = [...bySender.entries()].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0));
  const series = ranked.slice(0, topSenders).map(([sender, counts]) => ({ sender, counts }));
  const rest = ranked.slice(topSenders);
  if (rest.length) series.push({ sender: othersLabel, counts: keys.map((_, i) => rest.reduce((n, [, c]) => n + c[i]!, 0)) });
  return { months: keys, series };
}

/** How many messages expire in each of the next `weeks` weeks (week 0 starts at `now`). */
export function expiringPerWeek(docs: readonly SearchDoc[], now: number, weeks = 12): number[] {
  const counts = new Array<number>(weeks).fill(0);
  const WEEK = 7 * 86_400_000;
  for (const d of docs) {
    const w = Math.floor((d.expiryMs - now) / WEEK);
    if (w >= 0 && w < weeks) counts[w]!++;
  }
  return counts;
}

export function archiveSize(docs: readonly SearchDoc[]): { bytes: number; messages: number; archived: number } {
  let bytes = 0, archived = 0;
  for (const d of docs) {
    bytes += d.bytes;
    if (d.archived) archived++;
  }
  return { bytes, messages: docs.length, archived };
}
