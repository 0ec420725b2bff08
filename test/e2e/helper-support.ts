// Runs the real `ebox-keeper start` process for end-to-end tests and talks to it like the extension does.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const EXTENSION_ID = 'kfhdgeojlmnnpoidlmnbdkafbcmpakfe';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export interface HelperProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  pairingCode?: string;
}

/** Starts the helper and resolves once it prints `ready:` (after the port and, if unpaired, a pairing code). */
export function spawnHelper(dataDir: string, extraArgs: string[] = [], port = 0): Promise<HelperProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'helper/bin/ebox-keeper.js'), 'start', '--port', String(port), '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No TSA from the developer's environment: a test that needs one passes --tsa-url (the local test TSA).
    env: { ...process.env, EBOX_KEEPER_TSA_URL: process.env.EBOX_KEEPER_TSA_URL ?? 'none' },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`helper did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (!listening || !/^ready: /m.test(out)) return;
      clearTimeout(timer);
      const p = Number(listening[1]);
      const code = /pairing code: (\w{4}-\w{4})/.exec(out)?.[1];
      resolve({ child, port: p, url: `http://127.0.0.1:${p}/v1`, output: () => out, ...(code ? { pairingCode: code } : {}) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`helper exited with ${code}:\n${out}`));
    });
  });
}

export async function pairWith(helper: HelperProcess, code: string): Promise<string> {
  const res = await fetch(`${helper.url}/pairing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: EXTENSION_ORIGIN },
    body: JSON.stringify({ code, extensionId: EXTENSION_ID }),
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

export function helperFetch(helper: HelperProcess, secret: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${helper.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      [SECRET_HEADER]: secret,
      ...(body === undefined ? {} : { 'content-type': 'application/json', origin: EXTENSION_ORIGIN }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function stopHelper(helper: HelperProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (helper.child.exitCode !== null || helper.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    helper.child.once('exit', () => resolve());
    helper.child.kill(signal);
  });
}
