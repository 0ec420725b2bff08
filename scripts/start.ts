// `npm start`, the main job: builds the extension (the build that also reaches the local sandbox), then runs the
// local helper and the e-Box sandbox with its demo data side by side until Ctrl-C, and says what to do next.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

console.log('Building the extension (npm run build:sandbox)...');
const build = spawnSync(bin('wxt'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, WXT_EBOX_SANDBOX: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const children: ChildProcess[] = [];
const waiting = new Set<string>();
function run(label: string, command: string, args: string[], readyLine: RegExp): void {
  waiting.add(label);
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        console.log(`[${label}] ${line}`);
        if (readyLine.test(line) && waiting.delete(label) && waiting.size === 0) printNextSteps();
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
  setTimeout(() => process.exit(code), 500).unref();
}
process.once('SIGINT', () => shutdown(0));
process.once('SIGTERM', () => shutdown(0));

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

// Both print their addresses (and the helper its pairing code) before these lines.
run('helper', process.execPath, [resolve(root, 'helper/bin/ebox-keeper.js'), 'start'], /^signing identity/);
run('sandbox', bin('tsx'), [resolve(root, 'test/sandbox/main.ts')], /^Ctrl-C stops it/);
