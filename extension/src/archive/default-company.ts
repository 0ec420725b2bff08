// Which company a screen shows when it opens: the one whose e-Box is open; else the only one, or the one seen last;
// "company unknown" only when nothing else is there. Never "all companies": that is only ever chosen by the user.
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import type { CompanySummary } from './companies.ts';

export function defaultCompany(companies: readonly Pick<CompanySummary, 'key' | 'lastSeenAt' | 'messages'>[], openCbe: string | undefined): string {
  if (openCbe) return openCbe;
  const known = companies.filter((c) => c.key !== UNKNOWN_ENTERPRISE);
  if (known.length) return [...known].sort((a, b) => (b.lastSeenAt ?? '').localeCompare(a.lastSeenAt ?? '') || (b.messages ?? 0) - (a.messages ?? 0))[0]!.key;
  return UNKNOWN_ENTERPRISE;
}
