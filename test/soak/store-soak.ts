// `npm run soak [-- MINUTES]` (default 30): the proof store against crashes and damage, with a real helper
// process on 127.0.0.1 only. Each round: acknowledgements under load from concurrent clients, kill -9 at a random
// moment, then one injected fault: none, a torn write at the end (a partial record, garbage or zeros), the log cut
// at a random offset, or a random single byte of an old record flipped. Then restart. The helper must either start
// with every receipt it ever acknowledged present, or refuse to start with its clear message (and the log left
// byte for byte as it was); a refused store is restored from the copy taken before the fault. A receipt missing
// after a start is a loss: the soak fails. Bounded in time, loopback only; not part of `npm test`.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomInt } from 'node:crypto';
import { PairingRegistry } from '../../helper/src/pairing/pairing-registry.ts';
import { acknowledgeRequest } from '../../helper/src/receipts/receipt.fixture.ts';
import { StoreWitness } from '../../helper/src/store/witness.ts';
import { STORE_REFUSED_EXIT } from '../../helper/src/cli/start.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const minutes = Number(process.argv[2] ?? 30);
if (!(minutes > 0)) throw new Error(`usage: npm run soak -- [MINUTES] (got "${process.argv[2]}")`);
const began = Date.now();
const deadline = began + minutes * 60_000;
const CLIENTS = 12;
const ORIGIN = 'chrome-extension://soaksoaksoaksoaksoaksoaksoaksoak';

const dataDir = mkdtempSync(join(tmpdir(), 'ebk-soak-'));
const storeDir = join(dataDir, 'store');
const logPath = join(storeDir, 'log.bin');
const witnessPath = join(storeDir, 'witness');
const secret = new PairingRegistry(dataDir).pair(ORIGIN, 'soaksoaksoaksoaksoaksoaksoaksoak', 'soak').header;

const acknowledged: string[] = [];
const figures = { rounds: 0, acknowledged: 0, kills: 0, torn: 0, truncations: 0, byteFlips: 0, refusals: 0, expectedRefusals: 0, falseRefusals: 0, losses: 0, fileChangedByRefusal: 0, retriedLookups: 0 };

type Started = { child: ChildProcess; port: number } | { refused: string; code: number | null };

function start(): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'helper/bin/ebox-keeper.js'), 'start', '--port', '0', '--signing-threads', '1', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port && out.includes('ready:')) resolve({ child, port: Number(port) });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ refused: err || out, code }));
  });
}

async function call(port: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/v1${path}`, {
    method,
    headers: { 'X-Ebox-Keeper-Secret': secret, ...(body ? { 'content-type': 'application/json', origin: ORIGIN } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** Acknowledgements from concurrent clients until `stop`; only 201 answers count as acknowledged. */
async function load(port: number, stop: Promise<void>): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!stopped) {
        try {
          const res = await call(port, 'POST', '/receipts', acknowledgeRequest());
          if (res.status === 201) acknowledged.push(((await res.json()) as { receiptId: string }).receiptId);
          else await res.arrayBuffer();
        } catch {
          return; // the process was killed: this request was never acknowledged
        }
      }
    }),
  );
}

/** Every receipt ever acknowledged, looked up through the restarted helper. */
async function missingReceipts(port: number): Promise<string[]> {
  const missing: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < acknowledged.length) {
        const id = acknowledged[next++]!;
        // A connection reset under heavy machine load is retried: only the helper's answer counts.
        for (let attempt = 1; ; attempt++) {
          try {
            const res = await call(port, 'GET', `/receipts/${id}`);
            if (res.status !== 200) missing.push(`${id} (HTTP ${res.status})`);
            await res.arrayBuffer();
            break;
          } catch (err) {
            if (attempt === 5) throw err;
            figures.retriedLookups++;
            await new Promise((r) => setTimeout(r, 200 * attempt));
          }
        }
      }
    }),
  );
  return missing;
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

type Fault = 'none' | 'torn' | 'truncate' | 'flip';

/** Injects a fault; answers whether it touched bytes the witness says were acknowledged. */
function inject(fault: Fault): boolean {
  const size = statSync(logPath).size;
  const w = new StoreWitness(witnessPath).read();
  const ackedBytes = w.state === 'present' ? w.witness.logBytes : 0;
  switch (fault) {
    case 'none':
      return false;
    case 'torn': {
      figures.torn++;
      const kind = randomInt(3);
      if (kind === 0) {
        // A record header promising more bytes than were written.
        const header = Buffer.alloc(8);
        header.writeUInt32BE(1000 + randomInt(100_000), 0);
        appendFileSync(logPath, Buffer.concat([header, randomBytes(randomInt(900))]).subarray(0, 1 + randomInt(908)));
      } else if (kind === 1) appendFileSync(logPath, randomBytes(1 + randomInt(4096)));
      else appendFileSync(logPath, Buffer.alloc(1 + randomInt(8192)));
      return false;
    }
    case 'truncate': {
      figures.truncations++;
      const at = 8 + randomInt(Math.max(1, size - 8));
      truncateSync(logPath, at);
      return at < ackedBytes;
    }
    case 'flip': {
      figures.byteFlips++;
      // An old record: anywhere before the newest acknowledged length.
      const at = 8 + randomInt(Math.max(1, ackedBytes - 8));
      const bytes = readFileSync(logPath);
      bytes[at]! ^= 1 << randomInt(8);
      writeFileSync(logPath, bytes);
      return at < ackedBytes;
    }
  }
}

function pickFault(): Fault {
  const r = Math.random();
  return r < 0.25 ? 'none' : r < 0.55 ? 'torn' : r < 0.75 ? 'truncate' : 'flip';
}

async function main(): Promise<void> {
  console.log(`soak: ${minutes} min, data ${dataDir}`);
  const first = await start();
  if (!('port' in first)) throw new Error(`the helper did not start: ${first.refused}`);
  let helper = first;
  while (Date.now() < deadline) {
    figures.rounds++;
    // Load, then kill -9 at a random moment.
    let stopLoad!: () => void;
    const stop = new Promise<void>((r) => (stopLoad = r));
    const loading = load(helper.port, stop);
    // Killed while acknowledgements flow: once this round's first is answered (a first one can take seconds on a
    // busy machine: the signing thread starts), then at a random moment.
    const ackedBefore = acknowledged.length;
    const firstBy = Date.now() + 30_000;
    while (acknowledged.length === ackedBefore && Date.now() < firstBy) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, randomInt(3000)));
    helper.child.kill('SIGKILL');
    figures.kills++;
    stopLoad();
    await loading;
    await exited(helper.child);

    const backup = `${logPath}.soak-backup`;
    copyFileSync(logPath, backup);
    const fault = pickFault();
    const touchesAcknowledged = inject(fault);
    const injected = readFileSync(logPath);
    let started = await start();
    if (!('port' in started)) {
      figures.refusals++;
      const clear = started.code === STORE_REFUSED_EXIT && /was not opened and nothing was changed/.test(started.refused) && /verify-store/.test(started.refused);
      if (!clear) throw new Error(`round ${figures.rounds}: the helper stopped without its clear refusal (exit ${started.code}): ${started.refused}`);
      if (!readFileSync(logPath).equals(injected)) figures.fileChangedByRefusal++;
      if (touchesAcknowledged) figures.expectedRefusals++;
      else figures.falseRefusals++;
      if (figures.rounds <= 3 || !touchesAcknowledged) console.log(`round ${figures.rounds}: ${fault} refused: ${started.refused.split('\n')[0]}`);
      copyFileSync(backup, logPath);
      started = await start();
      if (!('port' in started)) throw new Error(`round ${figures.rounds}: the helper refused its own intact store: ${started.refused}`);
    }
    rmSync(backup);
    helper = started;
    const missing = await missingReceipts(helper.port);
    figures.losses += missing.length;
    if (missing.length) console.log(`round ${figures.rounds}: after ${fault}, LOST ${missing.length} acknowledged receipts: ${missing.slice(0, 5).join(', ')}`);
    figures.acknowledged = acknowledged.length;
    if (figures.rounds % 10 === 0) console.log(`round ${figures.rounds}: ${JSON.stringify(figures)}`);
  }
  helper.child.kill('SIGKILL');
  const durationMin = ((Date.now() - began) / 60_000).toFixed(1);
  console.log(`soak done in ${durationMin} min: ${JSON.stringify(figures)}`);
  console.log(
    `soak figures: ${figures.rounds} rounds (kill -9 each), ${figures.acknowledged} receipts acknowledged, ${figures.torn + figures.truncations + figures.byteFlips} faults injected (${figures.torn} torn writes, ${figures.truncations} truncations, ${figures.byteFlips} byte flips), ${figures.refusals} refusals to start, ${figures.losses} losses, ${durationMin} min`,
  );
  const failed = figures.losses > 0 || figures.fileChangedByRefusal > 0 || figures.falseRefusals > 0;
  console.log(failed ? 'FAILED: an acknowledged receipt was lost, or a refusal was wrong' : 'PASSED: every acknowledged receipt present after every start; every damage refused');
  if (!failed) rmSync(dataDir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

await main();
