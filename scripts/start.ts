// `npm start`, the main job: builds the extension (the build that also reaches the local sandbox), then runs the
// local helper and the e-Box sandbox with its demo data side by side until Ctrl-C, gives the helper the sandbox
// QERDS provider's trusted list (so its evidences verify) and the project's test time-stamping authority (test/tsa,
// so receipts are CAdES-B-T and evidence bundles export without any setting), and says what to do next.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataDirFrom } from '../helper/src/cli/command.ts';
import { trustedListPath, trustedListSignerPath } from '../helper/src/evidence/trusted-list-source.ts';
import { startTsa, type RunningTsa } from '../test/tsa/server.ts';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

console.log('Building the extension (npm run build:sandbox)...');
const build = spawnSync(bin('wxt'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, WXT_EBOX_SANDBOX: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The sandbox's trusted list says so in its root element; a real (national) list never does. */
const SANDBOX_LIST_MARK = 'Id="sandbox-tl"';

/**
 * Puts the sandbox QERDS provider's trusted list and the certificate that signed it (pinned: the helper then refuses
 * any list it did not sign) into the helper's data folder, where the helper reads them on each verification. The
 * sandbox makes a new PKI on every start, so an earlier sandbox list is replaced; a real list is never touched.
 */
async function installSandboxTrustedList(qerdsBase: string): Promise<void> {
  const dir = dataDirFrom(undefined);
  const listPath = trustedListPath(dir);
  if (existsSync(listPath) && !readFileSync(listPath, 'utf8').includes(SANDBOX_LIST_MARK)) {
    console.log(`[start] ${listPath} is not the sandbox's trusted list: kept; the sandbox's evidences will not verify against it.`);
    return;
  }
  const res = await fetch(`${qerdsBase}/trusted-list.xml`);
  if (!res.ok) throw new Error(`the sandbox QERDS provider answered ${res.status} for its trusted list`);
  const xml = await res.text();
  // The list's own XML signature carries its signer's certificate (the service certificates are outside it).
  const signature = /<(\w+:)?Signature\b[\s\S]*?<\/\1?Signature>/.exec(xml)?.[0];
  const certificate = signature && /<(?:\w+:)?X509Certificate>([^<]+)</.exec(signature)?.[1]?.replace(/\s+/g, '');
  if (!certificate) throw new Error("the sandbox's trusted list carries no signer certificate");
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(trustedListSignerPath(dir), pem);
  writeFileSync(listPath, xml);
  console.log(`[start] the sandbox QERDS provider's trusted list and its signer are in ${dir}`);
}

const children: ChildProcess[] = [];
let tsa: RunningTsa | undefined;
const waiting = new Set<string>();
const printed: string[] = [];
function run(label: string, command: string, args: string[], readyLine: RegExp): void {
  waiting.add(label);
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        console.log(`[${label}] ${line}`);
        printed.push(line);
        if (readyLine.test(line) && waiting.delete(label) && waiting.size === 0) void allReady();
      }
    });
  }
  child.on('exit', (code, signal) => {
    console.log(`[${label}] stopped (${signal ?? code})`);
    shutdown(code ?? 1);
  });
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  void tsa?.close();
  setTimeout(() => process.exit(code), 500).unref();
}
process.once('SIGINT', () => shutdown(0));
process.once('SIGTERM', () => shutdown(0));

async function allReady(): Promise<void> {
  const qerds = printed.map((l) => /QERDS provider: (\S+?)\/?$/.exec(l)?.[1]).find(Boolean);
  try {
    if (!qerds) throw new Error('the sandbox did not print its QERDS provider address');
    await installSandboxTrustedList(qerds);
  } catch (error) {
    console.log(`[start] no trusted list for the helper (${(error as Error).message}): qualified evidences will be refused until one is in its data folder.`);
  }
  printNextSteps();
}

// A short pause lets the helper's last lines (warning, pairing code) print first.
function printNextSteps(): void {
  setTimeout(() => console.log(`
Next:
  1. In Chromium or Chrome open chrome://extensions, turn on Developer mode, "Load unpacked":
       ${resolve(root, '.output-sandbox/chrome-mv3')}
  2. Open the extension's options and enter the helper's pairing code printed above by [helper].
  3. Open the sandbox web app printed above by [sandbox], sign in by picking a company, and file your mail.
  (The store build for the real app.eboxenterprise.be: npm run build -> .output/chrome-mv3.)
Ctrl-C stops the helper and the sandbox.`), 300);
}

// The sandbox's time-stamping authority: a real RFC 3161 server with its own test PKI, on a free local port. A real
// installation configures a qualified one (helper/src/cms/tsa-config.ts) instead.
tsa = await startTsa();
console.log(`[tsa] test time-stamping authority (sandbox only, not qualified): ${tsa.url}`);

// Both print their addresses (and the helper its pairing code) before these lines.
run('helper', process.execPath, [resolve(root, 'helper/bin/ebox-keeper.js'), 'start', '--tsa-url', tsa.url], /^signing identity/);
run('sandbox', bin('tsx'), [resolve(root, 'test/sandbox/main.ts')], /^Ctrl-C stops it/);
