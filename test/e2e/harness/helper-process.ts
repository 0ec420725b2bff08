// The helper as a real process (helper/bin/ebox-keeper.js start --port 0 --data-dir <tmp>): started on a free
// port; ready once it prints `ready:` (after `listening on <url>` and, while unpaired, `pairing code: XXXX-XXXX`);
// stopped (and its data dir removed) after the test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

export const HELPER_BIN = join(REPO_ROOT, 'helper', 'bin', 'ebox-keeper.js');

export interface HelperProcess {
  /** http://127.0.0.1:PORT (the API is under /v1). */
  url: string;
  /** Printed while no extension is paired. */
  pairingCode: string | undefined;
  dataDir: string;
  process: ChildProcess;
  /** Everything the helper printed so far (stdout and stderr), for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export function helperAvailable(): boolean {
  return existsSync(HELPER_BIN);
}

export async function startHelper(options: { dataDir?: string; args?: string[]; timeout?: number } = {}): Promise<HelperProcess> {
  if (!helperAvailable()) throw new Error(`No helper at ${HELPER_BIN}`);
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ebox-keeper-e2e-'));
  const child = spawn(process.execPath, [HELPER_BIN, 'start', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Tests never reach the public TSA the helper uses by default; one that needs a TSA passes --tsa-url.
    env: { ...process.env, EBOX_KEEPER_TSA_URL: process.env.EBOX_KEEPER_TSA_URL ?? 'none' },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`helper not ready within ${options.timeout ?? 30_000} ms:\n${out}`)), options.timeout ?? 30_000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && /^ready:/m.test(out)) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`helper exited with ${code} before listening:\n${out}`));
    });
  }).catch(async (e: unknown) => {
    child.kill('SIGKILL');
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });

  return {
    url,
    pairingCode: /pairing code: (\w{4}-\w{4})/.exec(out)?.[1],
    dataDir,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
