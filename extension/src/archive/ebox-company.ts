// The company whose e-Box the extension last saw open (from the app's data, else its header), kept so that pages
// without an e-Box tab (archive page, popup, badge) default to it and bundles are named after it.
import { normaliseCbe, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import { readLocal, writeLocal } from '../platform/runtime.ts';

const COMPANY_KEY = 'ebox.company';

export interface OpenCompany extends Enterprise {
  /** When its e-Box was last seen (ISO 8601). */
  seenAt: string;
}

/** Remembers the company whose e-Box is open; ignored when its CBE number is not a valid one. */
export async function rememberCompany(company: { name?: string; cbe?: string }, now: Date = new Date()): Promise<OpenCompany | undefined> {
  const cbe = normaliseCbe(company.cbe);
  if (!cbe) return undefined;
  const known = await readLocal<OpenCompany>(COMPANY_KEY);
  const name = company.name ?? (known?.cbe === cbe ? known.name : undefined);
  // Every registry answer says it again: the store (and whoever follows it, the badge) hears only of a change.
  if (known?.cbe === cbe && known.name === name && now.getTime() - Date.parse(known.seenAt) < 60_000) return known;
  const open: OpenCompany = { cbe, ...(name ? { name } : {}), seenAt: now.toISOString() };
  await writeLocal(COMPANY_KEY, open);
  return open;
}

export async function rememberedCompany(): Promise<OpenCompany | undefined> {
  const stored = await readLocal<OpenCompany>(COMPANY_KEY);
  return stored && normaliseCbe(stored.cbe) ? stored : undefined;
}

export { COMPANY_KEY as OPEN_COMPANY_STORAGE_KEY };
