// `ebox-keeper pairings [remove ID]`: which extensions may call the helper, and revoking one (a lost laptop).
import { PairingRegistry } from '../pairing/pairing-registry.ts';
import { printableLabel } from '../pairing/label.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const pairingsCommand: CliCommand = {
  usage: `ebox-keeper pairings [remove ID] [--data-dir DIR]

Without arguments, lists the pairings. \`remove ID\` revokes that pairing's secret at once, also for a running
helper.
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {});
    const registry = new PairingRegistry(dataDirFrom(values['data-dir']));
    const [action, id] = positionals;
    if (action === undefined) {
      const list = registry.list();
      if (list.length === 0) console.log('no extension is paired (run `ebox-keeper pair-code`)');
      for (const p of list) console.log(`${p.pairingId}  ${p.origin}  paired ${p.pairedAt}${p.label ? `  "${printableLabel(p.label)}"` : ''}`);
      return 0;
    }
    if (action !== 'remove' || !id) throw new UsageError('usage: ebox-keeper pairings [remove ID]');
    if (!registry.unpair(id)) {
      console.error(`no pairing ${id}`);
      return 1;
    }
    console.log(`pairing ${id} removed`);
    return 0;
  },
};
