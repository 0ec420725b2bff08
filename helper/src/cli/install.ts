// `ebox-keeper install`: start the helper at login for this user and register the native-messaging host in Chrome,
// Chromium, Edge and Firefox, so the extension pairs without a code.
import { existsSync, realpathSync } from 'node:fs';
import { homedir, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyInstall, installPlan, type InstallOptions } from '../install/installer.ts';
import type { InstallPlatform } from '../install/native-manifests.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, portFrom, type CliCommand } from './command.ts';

/** helper/bin/ebox-keeper.js of this installation, from the sources or from dist/. */
export function helperBin(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const bin = join(dir, 'helper', 'bin', 'ebox-keeper.js');
    if (existsSync(bin)) return realpathSync(bin);
  }
  throw new Error('cannot find helper/bin/ebox-keeper.js above this file');
}

export const INSTALL_OPTIONS = {
  port: { type: 'string' },
  'no-autostart': { type: 'boolean' },
  'extension-id': { type: 'string', multiple: true },
} as const;

export const INSTALL_USAGE = `  --port N            the port the helper listens on (default 47615)
  --no-autostart      only register the native-messaging host (the helper is started some other way)
  --extension-id ID   also allow this Chrome/Edge extension ID (a store-assigned one); repeatable
${COMMON_USAGE}`;

export function installOptionsFrom(values: { port?: string; 'data-dir'?: string; 'no-autostart'?: boolean; 'extension-id'?: string[] }): InstallOptions {
  const os = platform();
  if (os !== 'linux' && os !== 'darwin' && os !== 'win32') throw new UsageError(`ebox-keeper install knows Linux, macOS and Windows, not ${os}`);
  const ids = values['extension-id'] ?? [];
  for (const id of ids) if (!/^[a-p]{32}$/.test(id)) throw new UsageError(`--extension-id must be 32 letters a-p, not "${id}"`);
  return {
    platform: os as InstallPlatform,
    home: homedir(),
    node: process.execPath,
    bin: helperBin(),
    port: portFrom(values.port),
    dataDir: dataDirFrom(values['data-dir']),
    autostart: !values['no-autostart'],
    extraChromeIds: ids,
    uid: userInfo().uid,
  };
}

export const installCommand: CliCommand = {
  usage: `ebox-keeper install [--port N] [--no-autostart] [--extension-id ID]... [--data-dir DIR]

Starts the helper at login for this user (Linux: systemd user unit ebox-keeper.service; macOS: LaunchAgent
be.ebox-keeper.helper; Windows: scheduled task "e-Box Keeper helper") and registers the native-messaging host
be.ebox_keeper.helper in Chrome, Chromium, Edge and Firefox for e-Box Keeper's extension only. The extension then
pairs by itself; \`ebox-keeper pair-code\` remains for browsers the host cannot reach.
${INSTALL_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, INSTALL_OPTIONS);
    const options = installOptionsFrom(values);
    const outcome = applyInstall(installPlan(options));
    for (const file of outcome.written) console.log(`wrote ${file}`);
    for (const f of outcome.failed) console.error(`failed: ${f.argv.join(' ')}\n  ${f.message}`);
    if (outcome.failed.length > 0) {
      console.error('the files are in place; once the failure above is mended, run `ebox-keeper install` again');
      return 1;
    }
    console.log(options.autostart ? `the helper now starts at login and runs on 127.0.0.1:${options.port}` : 'native-messaging host registered (no autostart)');
    console.log('restart the browser: e-Box Keeper pairs with the helper by itself');
    return 0;
  },
};
