// What a sync tells its user: one line per run (or JSON), and one line per problem naming the account, the provider
// and the message, so the user knows exactly what was not kept and why.
import type { AccountSyncResult } from './sync-runner.ts';
import { summaryCounts } from './provider-sync.ts';

export function problemLines(results: AccountSyncResult[]): string[] {
  const lines: string[] = [];
  for (const a of results) {
    const account = `account ${a.enterprise} (client ${a.clientId})`;
    if (a.error) lines.push(`${account}: ${a.error}`);
    for (const p of a.providers) {
      const where = `${account}, provider ${p.name} (${p.provider})`;
      if (p.error) lines.push(`${where}: ${p.error}`);
      for (const [kind, list] of [['digest mismatch', p.mismatches], ['gone', p.gone], ['failed', p.failures], ['malformed', p.malformed]] as const) {
        for (const i of list) lines.push(`${where}, message ${i.messageId}: ${kind}: ${i.problem}`);
      }
    }
  }
  return lines;
}

export function totals(results: AccountSyncResult[]) {
  const t = { accounts: results.length, providers: 0, providersFailed: 0, listed: 0, newMessages: 0, changedMessages: 0, documentsFetched: 0, bytesFetched: 0, receipts: 0, evidences: 0, mismatches: 0, gone: 0, failures: 0, malformed: 0 };
  for (const a of results) {
    if (a.error) t.providersFailed++;
    for (const p of a.providers) {
      t.providers++;
      if (p.error) t.providersFailed++;
      const c = summaryCounts(p);
      for (const k of Object.keys(c) as (keyof typeof c)[]) t[k] += c[k];
    }
  }
  return t;
}

export function summaryLine(results: AccountSyncResult[], seconds: number): string {
  const t = totals(results);
  const mb = (t.bytesFetched / 2 ** 20).toFixed(1);
  const issues = t.mismatches + t.gone + t.failures + t.malformed + t.providersFailed;
  return `sync: ${t.accounts} account(s), ${t.providers} provider(s): ${t.newMessages} new and ${t.changedMessages} changed message(s), ${t.documentsFetched} document(s) (${mb} MB), ${t.receipts} receipt(s), ${t.evidences} evidence set(s) in ${seconds.toFixed(1)} s${issues ? `; ${issues} problem(s)` : ''}`;
}
