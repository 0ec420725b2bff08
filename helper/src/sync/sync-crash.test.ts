// kill -9 in the middle of a sync, in a real child process, then a rerun: nothing is kept twice (one receipt per
// registered message, one row per document) and nothing is missing.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createContext } from '../context.ts';
import { keptMessages } from './kept-messages.ts';
import { SyncDb } from './sync-db.ts';
import { syncFixture, OWN, CLIENT, CLIENT_ID, type SyncFixture } from './sync.fixture.ts';
import { retrieverName } from './retrieval-receipts.ts';

const BIN = fileURLToPath(new URL('../../bin/ebox-keeper.js', import.meta.url));

let fx: SyncFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

function runSync(dataDir: string) {
  const child = spawn(process.execPath, [BIN, 'sync', '--data-dir', dataDir, '--port', '1', '--parallel', '2', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

function keptCount(dataDir: string): number {
  try {
    const db = new DatabaseSync(join(dataDir, 'sync', 'sync.db'), { readOnly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM documents WHERE state = 'kept'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

it('a sync killed with SIGKILL mid-run completes on the rerun with nothing twice and nothing missing', { timeout: 240_000 }, async () => {
  fx = await syncFixture({ latencyMs: 40 });
  fx.sandbox.consumer.secondProvider.latencyMs = 40;
  const first = runSync(fx.dataDir);
  const deadline = Date.now() + 150_000;
  while (keptCount(fx.dataDir) < 12 && Date.now() < deadline) {
    if (first.child.exitCode !== null) throw new Error(`the sync ended before it could be killed: ${first.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  first.child.kill('SIGKILL');
  expect(await first.exit).toBeNull();
  const killedAt = keptCount(fx.dataDir);
  expect(killedAt).toBeGreaterThanOrEqual(12);

  fx.sandbox.state.latencyMs = 0;
  fx.sandbox.consumer.secondProvider.latencyMs = 0;
  const rerun = runSync(fx.dataDir);
  expect(await rerun.exit, rerun.output()).toBe(0);
  const result = JSON.parse(rerun.output()) as { totals: { documentsFetched: number } };

  const ctx = await createContext({ dataDir: fx.dataDir, port: 0, signingThreads: 0 });
  const db = new SyncDb(fx.dataDir);
  try {
    let documents = 0;
    for (const enterprise of [OWN, CLIENT]) {
      const live = [fx.sandbox.state, fx.sandbox.consumer.secondProvider].flatMap((s) => s.mailboxes.get(enterprise)!.messages.filter((m) => m.expirationDate.getTime() > Date.now()));
      const kept = keptMessages(db, { enterprise });
      expect(kept.length).toBe(live.length);
      for (const m of live) {
        const k = kept.find((x) => x.message.messageId === m.messageId)!;
        expect(k.documents.map((d) => d.state)).toEqual(m.documents.map(() => 'kept'));
        documents += m.documents.length;
        const byRetriever = [];
        for (const leaf of ctx.receipts.leafIndexesOf(m.messageId)) {
          const receipt = JSON.parse((await ctx.store.entry(leaf)).leaf.toString('utf8'));
          if (receipt.openedBy.name === retrieverName({ clientId: CLIENT_ID }) && receipt.message.recipientEnterpriseId === enterprise) byRetriever.push(receipt.receiptId);
        }
        expect(byRetriever.length).toBe(m.registeredMail ? 1 : 0);
        if (m.registeredMail) expect(k.receiptId).toBe(byRetriever[0]);
      }
    }
    // The rerun fetched what the killed run had not kept, and at most the few in flight when it was killed.
    expect(result.totals.documentsFetched).toBeLessThanOrEqual(documents - killedAt + 2);
    expect(result.totals.documentsFetched).toBeGreaterThanOrEqual(documents - killedAt);
  } finally {
    db.close();
    await ctx.store.close();
    await ctx.receipts.close();
  }
});
