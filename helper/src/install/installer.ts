// What `ebox-keeper install` and `uninstall` do, as a plan of files and commands for one platform, then carried
// out. Kept apart so that a test can check every platform's plan and carry out Linux's in a temporary HOME.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LAUNCH_AGENT_LABEL, SYSTEMD_UNIT, WINDOWS_TASK, launchAgentPlist, systemdUnit, windowsStartScript, type HelperCommandLine } from './autostart.ts';
import { BROWSERS, manifestLocation, nativeHostManifest, type InstallPlatform } from './native-manifests.ts';

export interface InstallOptions extends HelperCommandLine {
  platform: InstallPlatform;
  home: string;
  /** Also start at login (default); without, only the browsers learn the native host. */
  autostart: boolean;
  /** Store-assigned IDs to allow besides ours (a store build has the store's ID). */
  extraChromeIds?: string[];
  /** macOS: the user's id for launchctl's gui/<uid> domain. */
  uid?: number;
}

export interface PlannedFile {
  path: string;
  content: string;
  mode: number;
}

export interface Plan {
  files: PlannedFile[];
  /** Run after the files are written (install) or before they are removed (uninstall). */
  commands: string[][];
}

export const nativeHostDir = (dataDir: string) => join(dataDir, 'native-host');

function nativeHostLauncher(o: InstallOptions): PlannedFile {
  const dir = nativeHostDir(o.dataDir);
  const args = [o.node, o.bin, 'native-host', '--port', String(o.port), '--data-dir', o.dataDir];
  if (o.platform === 'win32') {
    return { path: join(dir, 'ebox-keeper-native-host.cmd'), content: `@echo off\r\n${args.map((a) => `"${a.replace(/%/g, '%%')}"`).join(' ')} %*\r\n`, mode: 0o755 };
  }
  const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return { path: join(dir, 'ebox-keeper-native-host'), content: `#!/bin/sh\n# Started by the browser for e-Box Keeper's extension (native messaging).\nexec ${args.map(sh).join(' ')} "$@"\n`, mode: 0o755 };
}

function autostartPaths(o: InstallOptions): { file: string } {
  if (o.platform === 'linux') return { file: join(o.home, '.config', 'systemd', 'user', SYSTEMD_UNIT) };
  if (o.platform === 'darwin') return { file: join(o.home, 'Library', 'LaunchAgents', `${LAUNCH_AGENT_LABEL}.plist`) };
  return { file: join(o.dataDir, 'start-helper.cmd') };
}

export function installPlan(o: InstallOptions): Plan {
  const launcher = nativeHostLauncher(o);
  const files: PlannedFile[] = [launcher];
  const commands: string[][] = [];
  for (const browser of BROWSERS) {
    const manifest = JSON.stringify(nativeHostManifest(browser, launcher.path, o.extraChromeIds), null, 2) + '\n';
    const where = manifestLocation(browser, o.platform, o.home);
    if ('file' in where) {
      files.push({ path: where.file, content: manifest, mode: 0o644 });
    } else {
      const file = join(nativeHostDir(o.dataDir), `${browser}.json`);
      files.push({ path: file, content: manifest, mode: 0o644 });
      commands.push(['reg', 'add', where.registryKey, '/ve', '/t', 'REG_SZ', '/d', file, '/f']);
    }
  }
  if (!o.autostart) return { files, commands };
  const { file } = autostartPaths(o);
  if (o.platform === 'linux') {
    files.push({ path: file, content: systemdUnit(o), mode: 0o644 });
    commands.push(['systemctl', '--user', 'daemon-reload'], ['systemctl', '--user', 'enable', '--now', SYSTEMD_UNIT]);
  } else if (o.platform === 'darwin') {
    files.push({ path: file, content: launchAgentPlist(o, join(o.home, 'Library', 'Logs', 'ebox-keeper.log')), mode: 0o644 });
    commands.push(['launchctl', 'bootstrap', `gui/${o.uid ?? 501}`, file]);
  } else {
    files.push({ path: file, content: windowsStartScript(o), mode: 0o755 });
    commands.push(['schtasks', '/Create', '/F', '/TN', WINDOWS_TASK, '/SC', 'ONLOGON', '/RL', 'LIMITED', '/TR', `"${file}"`], ['schtasks', '/Run', '/TN', WINDOWS_TASK]);
  }
  return { files, commands };
}

/** What install wrote, and the commands that stop the autostart first. */
export function uninstallPlan(o: InstallOptions): Plan {
  const installed = installPlan({ ...o, autostart: true });
  const commands: string[][] = [];
  if (o.platform === 'linux') commands.push(['systemctl', '--user', 'disable', '--now', SYSTEMD_UNIT]);
  else if (o.platform === 'darwin') commands.push(['launchctl', 'bootout', `gui/${o.uid ?? 501}`, autostartPaths(o).file]);
  else {
    commands.push(['schtasks', '/End', '/TN', WINDOWS_TASK], ['schtasks', '/Delete', '/F', '/TN', WINDOWS_TASK]);
    for (const browser of BROWSERS) {
      const where = manifestLocation(browser, o.platform, o.home);
      if ('registryKey' in where) commands.push(['reg', 'delete', where.registryKey, '/f']);
    }
  }
  return { files: installed.files, commands };
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}
export type CommandRunner = (argv: string[]) => CommandResult;

export const runCommand: CommandRunner = ([cmd, ...args]) => {
  const r = spawnSync(cmd!, args, { encoding: 'utf8' });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.error ? r.error.message : (r.stderr ?? '') };
};

export interface Outcome {
  written: string[];
  removed: string[];
  /** Commands that failed, with what they said. */
  failed: { argv: string[]; message: string }[];
}

export function applyInstall(plan: Plan, run: CommandRunner = runCommand): Outcome {
  const outcome: Outcome = { written: [], removed: [], failed: [] };
  for (const f of plan.files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content, { mode: f.mode });
    chmodSync(f.path, f.mode);
    outcome.written.push(f.path);
  }
  for (const argv of plan.commands) {
    const r = run(argv);
    if (r.status !== 0) outcome.failed.push({ argv, message: (r.stderr || r.stdout).trim() || `exit ${r.status}` });
  }
  return outcome;
}

export function applyUninstall(plan: Plan, run: CommandRunner = runCommand): Outcome {
  const outcome: Outcome = { written: [], removed: [], failed: [] };
  for (const argv of plan.commands) {
    const r = run(argv);
    // Stopping what is not running or deleting what is not there leaves nothing to undo.
    if (r.status !== 0 && !/not loaded|not found|does not exist|No such|cannot find|unable to find/i.test(r.stderr + r.stdout)) {
      outcome.failed.push({ argv, message: (r.stderr || r.stdout).trim() || `exit ${r.status}` });
    }
  }
  for (const f of plan.files) {
    if (!existsSync(f.path)) continue;
    rmSync(f.path);
    outcome.removed.push(f.path);
  }
  if (plan.files.some((f) => f.path.endsWith(SYSTEMD_UNIT))) run(['systemctl', '--user', 'daemon-reload']);
  return outcome;
}
