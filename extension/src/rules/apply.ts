// Applies the rules to messages in the archive: as they appear in the e-Box, or over the whole archive on demand.
import type { ArchiveDb } from '../archive/db.ts';
import { mergeFiling } from '../archive/filing.ts';
import { isArchivedRecord } from '../archive/messages.ts';
import { actionsFor } from './match.ts';
import { ruleSchema, type Rule } from './rule.ts';

export interface RulesRun {
  /** Messages whose labels or tags changed. */
  filed: number;
  /** Messages a rule wants archived that are not archived yet: the caller queues them. */
  toArchive: string[];
}

export async function applyRules(db: ArchiveDb, messageIds?: readonly string[]): Promise<RulesRun> {
  const rules = (await db.rules.toArray()).filter((r) => r.enabled);
  const run: RulesRun = { filed: 0, toArchive: [] };
  if (!rules.length) return run;
  await db.transaction('rw', db.messages, async () => {
    const records = messageIds ? (await db.messages.bulkGet([...messageIds])).filter((r) => r !== undefined) : await db.messages.toArray();
    const changed = [];
    for (const record of records) {
      const actions = actionsFor(rules, record.message);
      if (!actions.matched.length) continue;
      const updated = mergeFiling(record, actions.labels, actions.tags);
      if (updated) changed.push(updated);
      if (actions.archive && !isArchivedRecord(record)) run.toArchive.push(record.messageId);
    }
    await db.messages.bulkPut(changed);
    run.filed = changed.length;
  });
  return run;
}

export async function saveRule(db: ArchiveDb, input: unknown): Promise<Rule> {
  const rule = ruleSchema.parse(input);
  const labels = await db.labels.bulkGet(rule.then.labels);
  const unknown = rule.then.labels.filter((_, i) => !labels[i]);
  if (unknown.length) throw new Error(`Unknown label(s): ${unknown.join(', ')}`);
  await db.rules.put(rule);
  return rule;
}
