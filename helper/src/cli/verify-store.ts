// `ebox-keeper verify-store [--json]`: recomputes and checks the whole proof store; exit 1 when anything is wrong.
import { join } from 'node:path';
import { verifyStore } from '../store/verify-store.ts';
import { COMMON_USAGE, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const verifyStoreCommand: CliCommand = {
  usage: `ebox-keeper verify-store [--json] [--signatures] [--key VERIFIER_KEY] [--data-dir DIR]

  --json            print the report as JSON
  --signatures      also verify every receipt's CMS signature (slower)
  --key KEY         pin the checkpoint verifier key (<name>+<id>+<base64>) instead of trusting store.json
Exit status: 0 when the store is intact, 1 when a problem was found.
${COMMON_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, signatures: { type: 'boolean' }, key: { type: 'string' } });
    const report = verifyStore(join(dataDirFrom(values['data-dir']), 'store'), {
      ...(values.key ? { verifierKey: values.key } : {}),
      signatures: Boolean(values.signatures),
    });
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`${report.ok ? 'OK' : 'FAILED'}: ${report.storeDir}`);
      console.log(`  ${report.entries} entries, ${report.checkpoints} checkpoints (${report.checkpointTimestamps} time-stamped), ${report.artifacts} PDFs, ${report.blobs} blobs`);
      console.log(`  tree size ${report.treeSize}, root ${report.rootHash}`);
      if (report.uncheckpointedEntries) console.log(`  ${report.uncheckpointedEntries} entries after the last checkpoint (never acknowledged)`);
      for (const p of report.problems) console.log(`  PROBLEM: ${p.message}`);
      console.log(`  checked in ${report.durationMs} ms`);
    }
    return report.ok ? 0 : 1;
  },
};
