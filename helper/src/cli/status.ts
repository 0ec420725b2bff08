// `ebox-keeper status`: is the helper installed (autostart, native host per browser) and is it answering.
import { existsSync, readFileSync } from 'node:fs';
import { HELPER_API_BASE, HELPER_VERSION_HEADER } from '../../../shared/helper-api/wire-constants.ts';
import { installPlan, runCommand } from '../install/installer.ts';
import { SYSTEMD_UNIT } from '../install/autostart.ts';
import { BROWSERS, manifestLocation } from '../install/native-manifests.ts';
import { INSTALL_OPTIONS, INSTALL_USAGE, installOptionsFrom } from './install.ts';
import { parseCommandArgs, type CliCommand } from './command.ts';

export const statusCommand: CliCommand = {
  usage: `ebox-keeper status [--port N] [--data-dir DIR]

Says whether the helper starts at login, which browsers know its native-messaging host, and whether it answers.
${INSTALL_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, INSTALL_OPTIONS);
    const options = installOptionsFrom(values);
    const plan = installPlan({ ...options, autostart: true });
    const autostartFile = plan.files.at(-1)!.path;
    let autostart = existsSync(autostartFile) ? `installed (${autostartFile})` : 'not installed';
    if (options.platform === 'linux' && existsSync(autostartFile)) {
      const active = runCommand(['systemctl', '--user', 'is-active', SYSTEMD_UNIT]);
      autostart += `, systemd says: ${(active.stdout || active.stderr).trim() || 'nothing'}`;
    }
    console.log(`start at login: ${autostart}`);
    for (const browser of BROWSERS) {
      const where = manifestLocation(browser, options.platform, options.home);
      const file = 'file' in where ? where.file : plan.files.find((f) => f.path.endsWith(`${browser}.json`))!.path;
      const known = existsSync(file) ? `registered (${file})` : 'not registered';
      console.log(`native host for ${browser}: ${known}`);
    }
    let answering: string;
    try {
      const res = await fetch(`http://127.0.0.1:${options.port}${HELPER_API_BASE}/status`, { signal: AbortSignal.timeout(3000) });
      const version = res.headers.get(HELPER_VERSION_HEADER);
      answering = version ? `running on 127.0.0.1:${options.port} (version ${version})` : `something else answers on port ${options.port}`;
    } catch {
      answering = `not running on 127.0.0.1:${options.port}`;
    }
    console.log(`helper: ${answering}`);
    const pairings = `${options.dataDir}/pairings.json`;
    const count = existsSync(pairings) ? (JSON.parse(readFileSync(pairings, 'utf8')) as unknown[]).length : 0;
    console.log(`paired extensions: ${count}`);
    return answering.startsWith('running') ? 0 : 3;
  },
};
