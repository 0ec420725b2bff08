// A sync of every consumer account (or one): each account's token and providers, then each provider on its own.
// A provider that is down, refuses or answers garbage is reported and the others go on; an account whose token or
// provider list cannot be had is reported and the other accounts go on.
import { listConsumerAccounts, loadConsumerCredentials } from '../consumers/consumer-store.ts';
import { TokenClient } from '../consumers/token-client.ts';
import type { ConsumerAccount } from '../consumers/consumer-account.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { fetchProviderList, providerKey, type Provider } from './provider-list.ts';
import { RegistryClient } from './registry-client.ts';
import { syncProvider, type EvidenceKeeper, type ProviderSyncResult, type RetrievalAcknowledger, type SyncProgress } from './provider-sync.ts';
import type { SyncDb } from './sync-db.ts';
import type { RetryPolicy } from './polite-fetch.ts';

export const DEFAULT_PARALLEL = 8;

export interface AccountSyncResult {
  enterprise: string;
  clientId: string;
  providers: ProviderSyncResult[];
  /** The account could not be synced at all (token, federation): why. */
  error?: string;
}

export interface SyncRunOptions {
  dataDir: string;
  db: SyncDb;
  blobs: BlobStore;
  enterprise?: string;
  parallel?: number;
  full?: boolean;
  retry?: RetryPolicy;
  receiptsFor?: (account: ConsumerAccount) => RetrievalAcknowledger;
  evidenceFor?: (account: ConsumerAccount) => EvidenceKeeper;
  onProgress?: (p: SyncProgress) => void;
  onProvider?: (r: ProviderSyncResult) => void;
}

async function providersOf(account: ConsumerAccount, tokens: TokenClient): Promise<Provider[]> {
  if (account.registries.length) return account.registries.map((url) => ({ url: providerKey(url), name: new URL(url).host }));
  return fetchProviderList(account.federationUrl, tokens);
}

export async function syncAccount(account: ConsumerAccount, options: SyncRunOptions): Promise<AccountSyncResult> {
  const result: AccountSyncResult = { enterprise: account.enterprise, clientId: account.clientId, providers: [] };
  let providers: Provider[];
  let tokens: TokenClient;
  try {
    tokens = new TokenClient(loadConsumerCredentials(options.dataDir, account.enterprise));
    providers = await providersOf(account, tokens);
    if (providers.length === 0) throw new Error(`the federation ${account.federationUrl} lists no active provider`);
  } catch (err) {
    result.error = (err as Error).message;
    const at = new Date().toISOString();
    options.db.recordRun({ enterprise: account.enterprise, provider: account.federationUrl, name: 'federation', lastRunAt: at, lastSuccessAt: null, lastFullAt: null, lastError: result.error, lastSummary: null });
    return result;
  }
  options.db.recordRun({ enterprise: account.enterprise, provider: account.federationUrl, name: 'federation', lastRunAt: new Date().toISOString(), lastSuccessAt: new Date().toISOString(), lastFullAt: null, lastError: null, lastSummary: JSON.stringify({ providers: providers.length }) });
  for (const provider of providers) {
    const client = new RegistryClient(provider, account.enterprise, tokens, { ...(options.retry ? { retry: options.retry } : {}) });
    const r = await syncProvider(
      {
        db: options.db,
        blobs: options.blobs,
        parallel: options.parallel ?? DEFAULT_PARALLEL,
        ...(options.full ? { full: true } : {}),
        ...(options.receiptsFor ? { receipts: options.receiptsFor(account) } : {}),
        ...(options.evidenceFor ? { evidence: options.evidenceFor(account) } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
      client,
      account.enterprise,
    );
    result.providers.push(r);
    options.onProvider?.(r);
  }
  return result;
}

export async function syncAll(options: SyncRunOptions): Promise<AccountSyncResult[]> {
  const accounts = listConsumerAccounts(options.dataDir).filter((a) => !options.enterprise || a.enterprise === options.enterprise);
  if (options.enterprise && accounts.length === 0) throw new Error(`no consumer account for ${options.enterprise} (ebox-keeper consumer add)`);
  const results: AccountSyncResult[] = [];
  for (const account of accounts) results.push(await syncAccount(account, options));
  return results;
}
