// The helper's own syncing while it runs: on a schedule (default every 6 hours) and on demand (the extension's
// "sync now"); one run at a time, its result kept for the status route.
import type { HelperContext } from '../context.ts';
import { listConsumerAccounts } from '../consumers/consumer-store.ts';
import { SyncDb } from './sync-db.ts';
import type { AccountSyncResult } from './sync-runner.ts';
import { problemLines, summaryLine } from './sync-report.ts';

export const DEFAULT_SYNC_INTERVAL_MS = 6 * 3600_000;

export class SyncService {
  private readonly ctx: HelperContext;
  private dbHandle: SyncDb | undefined;
  private running: Promise<AccountSyncResult[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  nextRunAt: string | undefined;
  lastRun: { startedAt: string; finishedAt: string; summary: string; problems: string[] } | undefined;

  constructor(ctx: HelperContext) {
    this.ctx = ctx;
  }

  get db(): SyncDb {
    this.dbHandle ??= new SyncDb(this.ctx.dataDir);
    return this.dbHandle;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Starts a run unless one is going; answers whether this call started it. */
  runNow(log: (line: string) => void = () => {}): boolean {
    if (this.running) return false;
    if (listConsumerAccounts(this.ctx.dataDir).length === 0) return false;
    const startedAt = new Date().toISOString();
    const started = performance.now();
    // The run's modules (token client, evidence checks with their X.509 libraries) load with the first run: a
    // helper without consumer accounts never holds them.
    this.running = Promise.all([import('./sync-runner.ts'), import('./retrieval-receipts.ts'), import('./qualified-evidence.ts')]).then(([{ syncAll }, { retrievalAcknowledger }, { evidenceKeeper }]) =>
      syncAll({
        dataDir: this.ctx.dataDir,
        db: this.db,
        blobs: this.ctx.store.blobs,
        receiptsFor: (account) => retrievalAcknowledger(account, this.ctx.receipts, this.ctx.store),
        evidenceFor: () => evidenceKeeper(this.ctx),
      }),
    );
    this.running
      .then((results) => {
        const summary = summaryLine(results, (performance.now() - started) / 1000);
        const problems = problemLines(results);
        this.lastRun = { startedAt, finishedAt: new Date().toISOString(), summary, problems };
        log(summary);
        for (const p of problems) log(p);
      })
      .catch((err: Error) => {
        this.lastRun = { startedAt, finishedAt: new Date().toISOString(), summary: `sync failed: ${err.message}`, problems: [err.message] };
        log(`sync failed: ${err.message}`);
      })
      .finally(() => (this.running = undefined));
    return true;
  }

  /** Syncs now and then every `intervalMs`. */
  schedule(intervalMs: number, log: (line: string) => void): void {
    const tick = () => {
      this.nextRunAt = new Date(Date.now() + intervalMs).toISOString();
      this.runNow(log);
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.dbHandle?.close();
  }
}
