// `ebox-keeper pair-code`: a new one-time code for pairing an extension with the (running or next) helper.
import { issuePairingCode } from '../pairing/pairing-codes.ts';
import { COMMON_USAGE, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const pairCodeCommand: CliCommand = {
  usage: `ebox-keeper pair-code [--data-dir DIR]

${COMMON_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, {});
    const { display, expiresAt } = issuePairingCode(dataDirFrom(values['data-dir']));
    console.log(`pairing code: ${display} (enter it in the extension's options before ${expiresAt.toISOString()})`);
    return 0;
  },
};
