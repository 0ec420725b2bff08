// `ebox-keeper install` on Linux, carried out in a temporary HOME: the systemd user unit (checked by
// systemd-analyze verify when present), the native-messaging manifests every browser reads, the launcher they
// name (run here in the protocol), and uninstall removing it all. There is no user systemd in CI containers: the
// systemctl commands are recorded, not run. macOS and Windows plans are checked for what they register.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/extension-ids.ts';
import { applyInstall, applyUninstall, installPlan, uninstallPlan, type InstallOptions } from './installer.ts';

const BIN = join(fileURLToPath(import.meta.url), '..', '..', '..', 'bin', 'ebox-keeper.js');
const home = mkdtempSync(join(tmpdir(), 'ebk-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const options = (platform: InstallOptions['platform']): InstallOptions => ({
  platform,
  home,
  node: process.execPath,
  bin: BIN,
  port: 47615,
  dataDir: join(home, '.local', 'share', 'ebox-keeper'),
  autostart: true,
  uid: 1000,
});

describe('install on Linux (temporary HOME)', () => {
  const ran: string[][] = [];
  const run = (argv: string[]) => (ran.push(argv), { status: 0, stdout: '', stderr: '' });

  it('writes a systemd user unit that runs this helper, and enables it', () => {
    const outcome = applyInstall(installPlan(options('linux')), run);
    expect(outcome.failed).toEqual([]);
    const unit = join(home, '.config', 'systemd', 'user', 'ebox-keeper.service');
    const text = readFileSync(unit, 'utf8');
    expect(text).toContain(`ExecStart="${process.execPath}" "--max-semi-space-size=2" "${BIN}" "start" "--port" "47615" "--data-dir" "${options('linux').dataDir}"`);
    expect(text).toMatch(/WantedBy=default\.target/);
    expect(ran).toEqual([['systemctl', '--user', 'daemon-reload'], ['systemctl', '--user', 'enable', '--now', 'ebox-keeper.service']]);
  });

  it.skipIf(!existsSync('/usr/bin/systemd-analyze'))('the unit passes systemd-analyze verify', () => {
    const unit = join(home, '.config', 'systemd', 'user', 'ebox-keeper.service');
    const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    // verify also lists problems of the machine's own units; only lines about ours count.
    const ours = (r.stderr + r.stdout).split('\n').filter((l) => l.includes('ebox-keeper'));
    expect(ours).toEqual([]);
  });

  it('registers the native host in Chrome, Chromium, Edge and Firefox for our extension only', () => {
    const dirs = ['.config/google-chrome/NativeMessagingHosts', '.config/chromium/NativeMessagingHosts', '.config/microsoft-edge/NativeMessagingHosts', '.mozilla/native-messaging-hosts'];
    const manifests = dirs.map((d) => JSON.parse(readFileSync(join(home, d, `${NATIVE_HOST_NAME}.json`), 'utf8')) as Record<string, unknown>);
    for (const m of manifests.slice(0, 3)) expect(m).toMatchObject({ name: NATIVE_HOST_NAME, type: 'stdio', allowed_origins: [`chrome-extension://${CHROME_EXTENSION_ID}/`] });
    expect(manifests[3]).toMatchObject({ name: NATIVE_HOST_NAME, type: 'stdio', allowed_extensions: [FIREFOX_EXTENSION_ID] });
    expect(manifests[3]).not.toHaveProperty('allowed_origins');
    expect(new Set(manifests.map((m) => m.path)).size).toBe(1);
  });

  it('the launcher the manifests name is executable and answers in the protocol', () => {
    const launcher = (JSON.parse(readFileSync(join(home, '.mozilla/native-messaging-hosts', `${NATIVE_HOST_NAME}.json`), 'utf8')) as { path: string }).path;
    expect(statSync(launcher).mode & 0o111).toBeTruthy();
    const body = Buffer.from(JSON.stringify({ type: 'pair', originHost: CHROME_EXTENSION_ID, scheme: 'chrome-extension' }));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length);
    const r = spawnSync(launcher, [`chrome-extension://${CHROME_EXTENSION_ID}/`], { input: Buffer.concat([header, body]) });
    expect(r.status).toBe(0);
    const answer = JSON.parse(r.stdout.subarray(4, 4 + r.stdout.readUInt32LE(0)).toString('utf8')) as { ok: boolean; port: number };
    expect(answer).toMatchObject({ ok: true, port: 47615 });
  });

  it('uninstall disables the unit and removes every file install wrote, keeping the data directory', () => {
    ran.length = 0;
    const written = installPlan(options('linux')).files.map((f) => f.path);
    const outcome = applyUninstall(uninstallPlan(options('linux')), run);
    expect(outcome.failed).toEqual([]);
    expect(ran[0]).toEqual(['systemctl', '--user', 'disable', '--now', 'ebox-keeper.service']);
    expect(written.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(join(options('linux').dataDir, 'pairings.json'))).toBe(true);
  });
});

describe('install plans for macOS and Windows', () => {
  it('macOS: a LaunchAgent with the helper as ProgramArguments, loaded with launchctl, and the four manifests', () => {
    const plan = installPlan(options('darwin'));
    const plist = plan.files.find((f) => f.path.endsWith('Library/LaunchAgents/be.ebox-keeper.helper.plist'))!;
    expect(plist.content).toContain(`<string>${BIN}</string>`);
    expect(plist.content).toMatch(/<key>RunAtLoad<\/key>\s*<true\/>/);
    expect(plan.commands).toEqual([['launchctl', 'bootstrap', 'gui/1000', plist.path]]);
    expect(plan.files.filter((f) => f.path.endsWith(`NativeMessagingHosts/${NATIVE_HOST_NAME}.json`))).toHaveLength(4);
  });

  it('Windows: registry values for each browser pointing at its manifest, and a logon task', () => {
    const plan = installPlan(options('win32'));
    const regs = plan.commands.filter((c) => c[0] === 'reg');
    expect(regs.map((c) => c[2])).toEqual([
      `HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`,
      `HKCU\\Software\\Chromium\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`,
      `HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`,
      `HKCU\\Software\\Mozilla\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`,
    ]);
    for (const r of regs) expect(plan.files.map((f) => f.path)).toContain(r[7]);
    expect(plan.commands).toContainEqual(expect.arrayContaining(['schtasks', '/Create', '/SC', 'ONLOGON']));
    expect(uninstallPlan(options('win32')).commands).toContainEqual(['schtasks', '/Delete', '/F', '/TN', 'e-Box Keeper helper']);
  });
});
