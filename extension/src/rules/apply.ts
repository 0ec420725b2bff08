// Applies the rules to messages in the archive: as they appear in the e-Box, or over the whole archive on demand.
import type { ArchiveDb } from '../archive/db.ts';
import { mergeFiling } from '../archive/filing.ts';
import { isArchivedRecord } from '../archive/messages.ts';
import { ALL_COMPANIES } from '../archive/company-scope.ts';
import { actionsFor } from './match.ts';
import { ruleSchema, type Rule } from './rule.ts';

export interface RulesRun {
  /** Messages whose labels or tags changed. */
  filed: number;
  /** Messages a rule wants archived that are not archived yet: the caller queues them. */
  toArchive: string[];
}

/** Applies the rules to `messageIds`, or to every message of company `company` (a key, or ALL_COMPANIES). */
export async function applyRules(db: ArchiveDb, messageIds?: readonly string[], company: string = ALL_COMPANIES): Promise<RulesRun> {
  const rules = (await db.rules.toArray()).filter((r) => r.enabled);
  const run: RulesRun = { filed: 0, toArchive: [] };
  if (!rules.length) return run;
  await db.transaction('rw', db.messages, async () => {
    const records = messageIds ? (await db.messages.bulkGet([...messageIds])).filter((r) => r !== undefined)
      : company === ALL_COMPANIES ? await db.messages.toArray() : await db.messages.where('enterprise').equals(company).toArray();
    const changed = [];
    for (const record of records) {
      const actions = actionsFor(rules, record.message, record.enterprise);
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
  // A company's rule may give only that company's labels (or labels shared by all companies).
  const foreign = labels.filter((l) => l && l.enterprise !== ALL_COMPANIES && l.enterprise !== rule.enterprise);
  if (foreign.length) throw new Error(`Label(s) of another company: ${foreign.map((l) => l!.name).join(', ')}`);
  await db.rules.put(rule);
  return rule;
}
