// `ebox-keeper uninstall`: undoes `install` (autostart and native-messaging host). The data directory, with the
// proof store and the signing identity, is left as it is.
import { applyUninstall, uninstallPlan } from '../install/installer.ts';
import { INSTALL_OPTIONS, INSTALL_USAGE, installOptionsFrom } from './install.ts';
import { parseCommandArgs, type CliCommand } from './command.ts';

export const uninstallCommand: CliCommand = {
  usage: `ebox-keeper uninstall [--data-dir DIR]

Stops the helper starting at login and removes the native-messaging host from the browsers. Keeps the data
directory (proof store, receipts, signing identity).
${INSTALL_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, INSTALL_OPTIONS);
    const outcome = applyUninstall(uninstallPlan(installOptionsFrom(values)));
    for (const file of outcome.removed) console.log(`removed ${file}`);
    for (const f of outcome.failed) console.error(`failed: ${f.argv.join(' ')}\n  ${f.message}`);
    if (outcome.removed.length === 0 && outcome.failed.length === 0) console.log('nothing was installed');
    return outcome.failed.length > 0 ? 1 : 0;
  },
};
