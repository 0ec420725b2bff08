// The companies whose e-Boxes the extension has seen (name as last seen), how many messages each has in the
// archive, and the user's assignment of messages of unknown company (archives made before companies were recorded).
import { UNKNOWN_ENTERPRISE, normaliseCbe, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { ArchiveDb } from './db.ts';
import type { CompanyRecord } from './records.ts';

export interface CompanySummary {
  /** A CBE number, or UNKNOWN_ENTERPRISE. */
  key: string;
  name?: string;
  /** Absent when not counted (the archive page's first screen does not wait for the counts). */
  messages?: number;
  lastSeenAt?: string;
}

/** Records that the extension saw this company's e-Box (its name as the e-Box shows it now). */
export async function rememberCompanySeen(db: ArchiveDb, enterprise: Enterprise, now: Date = new Date()): Promise<CompanyRecord | undefined> {
  const cbe = normaliseCbe(enterprise.cbe);
  if (!cbe) return undefined;
  const known = await db.companies.get(cbe);
  const name = enterprise.name?.trim() || known?.name;
  const record: CompanyRecord = { cbe, ...(name ? { name } : {}), lastSeenAt: now.toISOString() };
  await db.companies.put(record);
  return record;
}

/** Every company with messages or a seen e-Box, most recently seen first; "company unknown" last when it has any.
 *  Counting walks each company's index entries: `counts: false` leaves them out. */
export async function companySummaries(db: ArchiveDb, { counts = true } = {}): Promise<CompanySummary[]> {
  const [companies, keys] = await Promise.all([db.companies.toArray(), db.messages.orderBy('enterprise').uniqueKeys()]);
  const byKey = new Map<string, CompanySummary>(companies.map((c) => [c.cbe, { key: c.cbe, ...(c.name ? { name: c.name } : {}), lastSeenAt: c.lastSeenAt }]));
  for (const key of keys as string[]) if (!byKey.has(key)) byKey.set(key, { key });
  if (counts) await Promise.all([...byKey.values()].map(async (s) => void (s.messages = await db.messages.where('enterprise').equals(s.key).count())));
  return [...byKey.values()].sort((a, b) => {
    if ((a.key === UNKNOWN_ENTERPRISE) !== (b.key === UNKNOWN_ENTERPRISE)) return a.key === UNKNOWN_ENTERPRISE ? 1 : -1;
    return (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '') || (a.name ?? a.key).localeCompare(b.name ?? b.key);
  });
}

export class AssignError extends Error {
  override name = 'AssignError';
}

/** Assigns messages of unknown company to `cbe`. Messages already known to belong to a company are never moved:
 *  returns how many were assigned and how many were left because they already had a company. */
export async function assignCompany(db: ArchiveDb, messageIds: readonly string[], cbe: string): Promise<{ assigned: number; kept: number }> {
  const key = normaliseCbe(cbe);
  if (!key) throw new AssignError(`Not a CBE number: ${cbe}`);
  return db.transaction('rw', db.messages, db.companies, async () => {
    if (!(await db.companies.get(key))) await db.companies.put({ cbe: key, lastSeenAt: new Date(0).toISOString() });
    const records = (await db.messages.bulkGet([...messageIds])).filter((r) => r !== undefined);
    const unknown = records.filter((r) => r.enterprise === UNKNOWN_ENTERPRISE);
    await db.messages.bulkPut(unknown.map((r) => ({ ...r, enterprise: key })));
    return { assigned: unknown.length, kept: records.length - unknown.length };
  });
}
