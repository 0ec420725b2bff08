// Labels, tags and notes on a message: the user's own filing, kept whether or not the message is archived.
import { inScope } from './company-scope.ts';
import type { ArchiveDb } from './db.ts';
import type { MessageRecord } from './records.ts';

export interface FilingChange {
  labels?: string[];
  tags?: string[];
  note?: string;
}

export class UnknownMessageError extends Error {
  constructor(messageId: string) {
    super(`Message ${messageId} has not been seen in the e-Box yet`);
    this.name = 'UnknownMessageError';
  }
}

/** Trimmed, without empties, and without case-only duplicates (the first spelling wins). */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export async function fileMessage(db: ArchiveDb, messageId: string, change: FilingChange): Promise<MessageRecord> {
  return db.transaction('rw', db.messages, db.labels, async () => {
    const record = await db.messages.get(messageId);
    if (!record) throw new UnknownMessageError(messageId);
    if (change.labels) {
      const known = await db.labels.bulkGet(change.labels);
      const missing = change.labels.filter((_, i) => !known[i]);
      if (missing.length) throw new Error(`Unknown label(s): ${missing.join(', ')}`);
      const foreign = known.filter((l) => l && !inScope(l.enterprise, record.enterprise));
      if (foreign.length) throw new Error(`Label(s) of another company: ${foreign.map((l) => l!.name).join(', ')}`);
    }
    const updated: MessageRecord = {
      ...record,
      ...(change.labels ? { labels: [...new Set(change.labels)] } : {}),
      ...(change.tags ? { tags: cleanTags(change.tags) } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
    };
    await db.messages.put(updated);
    return updated;
  });
}

/** Adds labels and tags without removing any (what rules do). Returns whether anything changed. */
export function mergeFiling(record: MessageRecord, labels: readonly string[], tags: readonly string[]): MessageRecord | undefined {
  const nextLabels = [...new Set([...record.labels, ...labels])];
  const nextTags = cleanTags([...record.tags, ...tags]);
  if (nextLabels.length === record.labels.length && nextTags.length === record.tags.length) return undefined;
  return { ...record, labels: nextLabels, tags: nextTags };
}
