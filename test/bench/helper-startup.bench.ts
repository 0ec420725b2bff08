// Helper start-up benchmarks, against bare Node measured in the same run (the `ebox-keeper` command runs the
// compiled helper in dist/, built first):
// 1. `ebox-keeper --help` wall time vs `node -e 0` (target: under 300 ms); and through npx, as the README has it,
//    vs `npx -- node -e 0`: what npm itself adds before our command starts is the baseline's share.
// 2. The helper's RSS once started and idle, vs an idle bare Node process (target: under 80 MB, as the installed
//    service runs it), and its time to `ready:`. For comparison, the same helper run from its TypeScript sources (Node's type stripping).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../helper/src/install/autostart.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const BIN = join(ROOT, 'helper', 'bin', 'ebox-keeper.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const IDLE_MS = 3_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wallMs(args: string[], command = process.execPath): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** Starts `args`, waits for `ready` on stdout (or at once), idles, and reads its RSS. */
async function idleRss(args: string[], ready: RegExp | null): Promise<{ rss: number; readyMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      if (!ready) return resolve(0);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (ready.test(out)) resolve(Date.now() - started);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { rss: rssMb(child.pid!), readyMs };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-helper.mjs')], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build:helper failed');

const bare: number[] = [];
const help: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(wallMs(['-e', '0']));
  help.push(wallMs([BIN, '--help']));
}
const helpMs = median(help);
console.log(`ebox-keeper --help: ${helpMs.toFixed(0)} ms median of ${RUNS} (node -e 0: ${median(bare).toFixed(0)} ms, ratio ${(helpMs / median(bare)).toFixed(2)}) target < 300 ms: ${helpMs < 300 ? 'ok' : 'MISSED'}`);
// npm's own start (config, the project's tree) dominates: fewer runs, each seconds long on a loaded machine.
const NPX_RUNS = Math.max(1, Math.ceil(RUNS / 3));
const npxBare: number[] = [];
const npxHelp: number[] = [];
for (let i = 0; i < NPX_RUNS; i++) {
  npxBare.push(wallMs(['--no-install', '--', 'node', '-e', '0'], 'npx'));
  npxHelp.push(wallMs(['--no-install', 'ebox-keeper', '--help'], 'npx'));
}
const npxMs = median(npxHelp);
console.log(`npx ebox-keeper --help: ${npxMs.toFixed(0)} ms median of ${NPX_RUNS} (npx -- node -e 0: ${median(npxBare).toFixed(0)} ms, ratio ${(npxMs / median(npxBare)).toFixed(2)}) target < 300 ms: ${npxMs < 300 ? 'ok' : 'MISSED'}`);

const dir = mkdtempSync(join(tmpdir(), 'ebk-startup-bench-'));
try {
  const baseline = await idleRss(['-e', 'setInterval(() => {}, 1000)'], null);
  // A first start makes the development identity (and loads the X.509 library for it): measure the next one,
  // as every later start of an installed helper.
  await idleRss([BIN, 'start', '--port', '0', '--data-dir', dir], /^ready:/m);
  const compiled = await idleRss([BIN, 'start', '--port', '0', '--data-dir', dir], /^ready:/m);
  const installed = await idleRss([...SERVICE_NODE_FLAGS, BIN, 'start', '--port', '0', '--data-dir', dir], /^ready:/m);
  const sources = await idleRss([join(ROOT, 'helper', 'src', 'cli', 'main.ts'), 'start', '--port', '0', '--data-dir', dir], /^ready:/m);
  console.log(`idle RSS after start: ${compiled.rss.toFixed(1)} MB (bare node ${baseline.rss.toFixed(1)} MB, ratio ${(compiled.rss / baseline.rss).toFixed(2)}) target < 80 MB: ${compiled.rss < 80 ? 'ok' : 'MISSED'}; ready in ${compiled.readyMs} ms`);
  console.log(`  as \`ebox-keeper install\` runs it (${SERVICE_NODE_FLAGS.join(' ')}): ${installed.rss.toFixed(1)} MB (ratio ${(installed.rss / baseline.rss).toFixed(2)}) target < 80 MB: ${installed.rss < 80 ? 'ok' : 'MISSED'}`);
  console.log(`  same helper from its TypeScript sources (type stripping): ${sources.rss.toFixed(1)} MB, ready in ${sources.readyMs} ms`);
  // Memory does not depend on the machine's load; wall time does (2 shared cores): only memory fails the bench.
  if (installed.rss >= 80) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
