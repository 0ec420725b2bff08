// What every route may use: the data directory, the signing identity, the proof store, pairings, receipts.
// Routers receive it when the app is composed (see app.ts), so a new capability needs no global state.
import { mkdirSync, chmodSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { IdentityHolder } from './identity/identity-holder.ts';
import { loadOrCreateIdentity } from './identity/identity-store.ts';
import { PairingRegistry } from './pairing/pairing-registry.ts';
import { ProofStore } from './store/proof-store.ts';
import { ReceiptService } from './receipts/receipt-service.ts';
import { SigningPool } from './receipts/signing-pool.ts';
import type { FatalStorageError, LogFileOps } from './store/record-log.ts';
import { SyncService } from './sync/sync-service.ts';

export interface HelperContext {
  dataDir: string;
  /** The port the helper listens on: the Host check needs it (set after listening when started on port 0). */
  port: number;
  /** RFC 3161 TSA URL: receipts become CAdES-B-T and checkpoints are time-stamped. */
  tsaUrl?: string;
  identity: IdentityHolder;
  store: ProofStore;
  pairings: PairingRegistry;
  receipts: ReceiptService;
  /** The e-Box Document Consumer sync (schedule, "sync now", what it keeps). */
  sync: SyncService;
}

export interface ContextOptions {
  dataDir: string;
  port: number;
  tsaUrl?: string;
  onFatal?: (err: FatalStorageError) => void;
  fileOps?: LogFileOps;
  /** Threads that validate and sign acknowledgements; 0 signs on the main thread. Default: one per core but one. */
  signingThreads?: number;
}

/** The main thread keeps one core for HTTP and the store; the others sign (at most 4: beyond, HTTP is the limit). */
export function defaultSigningThreads(): number {
  return Math.min(4, availableParallelism() - 1);
}

export async function createContext(options: ContextOptions): Promise<HelperContext> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const identity = new IdentityHolder(options.dataDir, await loadOrCreateIdentity(options.dataDir));
  const ctx = { dataDir: options.dataDir, port: options.port, tsaUrl: options.tsaUrl, identity } as HelperContext;
  const threads = options.signingThreads ?? defaultSigningThreads();
  const receipts = new ReceiptService(identity, () => ctx.tsaUrl, threads > 0 ? new SigningPool(threads) : null);
  const store = await ProofStore.open({
    dir: join(options.dataDir, 'store'),
    onEntry: receipts.indexEntry,
    onFatal: options.onFatal,
    fileOps: options.fileOps,
    ...(options.tsaUrl ? { timestamp: async (data: Buffer) => (await import('./cms/tsa-client.ts')).requestTimestamp(options.tsaUrl!, data) } : {}),
  });
  receipts.attach(store);
  ctx.store = store;
  ctx.receipts = receipts;
  ctx.pairings = new PairingRegistry(options.dataDir);
  ctx.sync = new SyncService(ctx);
  return ctx;
}
