// The sync at benchmark size: 10,000 messages (about 20,000 documents) from the sandbox (another process), against
// a baseline measured in the same run: a bare loop that downloads the same documents with the same parallelism and
// keeps nothing. Then a second sync with nothing new, and the sync process's peak RSS (VmHWM) during the first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { addConsumerAccount, loadConsumerCredentials } from '../../helper/src/consumers/consumer-store.ts';
import { TokenClient } from '../../helper/src/consumers/token-client.ts';
import { RegistryClient } from '../../helper/src/sync/registry-client.ts';

const SIZE = Number(process.env.SYNC_BENCH_SIZE ?? 10_000);
const PARALLEL = 8;
const BIN = fileURLToPath(new URL('../../helper/bin/ebox-keeper.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sync-bench-'));
const dataDir = join(work, 'data');

const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sync-sandbox.ts', import.meta.url)), String(SIZE), work], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise<{ tokenUrl: string; federationUrl: string; registry: string; enterprise: string; p12: string; messages: number; documents: number }>((resolve, reject) => {
  createInterface({ input: sandboxProcess.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  sandboxProcess.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
});

try {
  await addConsumerAccount(dataDir, { enterprise: info.enterprise, clientId: 'bench-client', tokenUrl: info.tokenUrl, federationUrl: info.federationUrl, registries: [info.registry], p12: readFileSync(info.p12), password: 'bench' });
  console.log(`sandbox: ${info.messages} messages, ${info.documents} documents; parallelism ${PARALLEL}`);

  // Baseline: the documents' URLs from the list (not timed), then the bare download loop (timed).
  const tokens = new TokenClient(loadConsumerCredentials(dataDir, info.enterprise));
  const client = new RegistryClient({ url: info.registry.replace(/\/+$/, ''), name: 'bench' }, info.enterprise, tokens);
  const urls: string[] = [];
  for (let page = 1; ; page++) {
    const { items } = await client.listPage(page);
    for (const m of items as { messageId: string; attachments: { items: { attachmentId: string; contentHref?: string }[] } }[]) {
      for (const a of m.attachments.items) urls.push(client.contentUrl(m.messageId, a.attachmentId, a.contentHref));
    }
    if (items.length < 100) break;
  }
  let next = 0;
  let baselineBytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < urls.length; i = next++) {
        const bytes = await client.download(urls[i]!);
        baselineBytes += bytes.length;
      }
    }),
  );
  const baselineS = (performance.now() - t0) / 1000;

  const runSync = async () => {
    const child = spawn(process.execPath, [BIN, 'sync', '--data-dir', dataDir, '--port', '1', '--parallel', String(PARALLEL), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // exited between two polls
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    // 1: problems named (here the qualified notifications' evidences: the bench installs no trusted list).
    if (code !== 0 && code !== 1) throw new Error(`sync exited with ${code}: ${out.slice(0, 2000)}`);
    const result = JSON.parse(out) as { seconds: number; totals: { documentsFetched: number; bytesFetched: number; newMessages: number; receipts: number } };
    return { ...result, peakMb: peakKb / 1024 };
  };
  const first = await runSync();
  const second = await runSync();

  const baselineRate = urls.length / baselineS;
  const syncRate = first.totals.documentsFetched / first.seconds;
  const ratio = syncRate / baselineRate;
  const perTenThousand = second.seconds / (info.messages / 10_000);
  console.log(`baseline: ${urls.length} documents (${(baselineBytes / 2 ** 20).toFixed(1)} MB) in ${baselineS.toFixed(2)} s = ${baselineRate.toFixed(0)} documents/s`);
  console.log(`sync:     ${first.totals.newMessages} messages, ${first.totals.documentsFetched} documents (${(first.totals.bytesFetched / 2 ** 20).toFixed(1)} MB), ${first.totals.receipts} receipts in ${first.seconds.toFixed(2)} s = ${syncRate.toFixed(0)} documents/s (list, downloads, digests, blob store, receipts)`);
  console.log(`ratio sync/baseline: ${ratio.toFixed(2)} (target >= 0.8)`);
  console.log(`second sync, nothing new: ${second.seconds.toFixed(3)} s (${perTenThousand.toFixed(3)} s per 10,000 messages; target < 1), fetched ${second.totals.documentsFetched}`);
  console.log(`sync process peak RSS: ${first.peakMb.toFixed(0)} MB (target < 150)`);
  const ok = ratio >= 0.8 && perTenThousand < 1 && second.totals.documentsFetched === 0 && first.peakMb < 150 && first.totals.documentsFetched === urls.length;
  console.log(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} finally {
  sandboxProcess.kill();
  rmSync(work, { recursive: true, force: true });
}
