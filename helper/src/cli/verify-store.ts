// `ebox-keeper verify-store [--json] [--since FILE]`: recomputes and checks the whole proof store, and proves it
// only grew since a checkpoint saved elsewhere; exit 1 when anything is wrong.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyStore } from '../store/verify-store.ts';
import { cliLanguage, messages } from '../i18n/catalogue.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const verifyStoreCommand: CliCommand = {
  usage: `ebox-keeper verify-store [--json] [--signatures] [--key VERIFIER_KEY] [--since CHECKPOINT_FILE] [--data-dir DIR]

  --json            print the report as JSON
  --signatures      also verify every receipt's CMS signature (slower)
  --key KEY         pin the checkpoint verifier key (<name>+<id>+<base64>) instead of trusting store.json
  --since FILE      a checkpoint (signed note) saved earlier, e.g. from GET /v1/store/checkpoint: prove the
                    store only grew since (RFC 9162 consistency); a store that shrank or was rewritten fails
Exit status: 0 when the store is intact, 1 when a problem was found.
${COMMON_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, signatures: { type: 'boolean' }, key: { type: 'string' }, since: { type: 'string' } });
    const say = messages(cliLanguage(values.lang));
    const storeDir = join(dataDirFrom(values['data-dir']), 'store');
    if (!existsSync(join(storeDir, 'store.json'))) {
      console.error(say.noStore(storeDir));
      return 1;
    }
    const report = verifyStore(storeDir, {
      ...(values.key ? { verifierKey: values.key } : {}),
      ...(values.since ? { since: readCheckpointFile(values.since) } : {}),
      signatures: Boolean(values.signatures),
    });
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(say.storeVerdict(report.ok, report.storeDir));
      console.log(`  ${say.storeCounts(report.entries, report.checkpoints, report.checkpointTimestamps, report.artifacts, report.blobs)}`);
      console.log(`  ${say.storeTree(report.treeSize, report.rootHash)}`);
      if (report.since) console.log(`  ${say.storeSince(report.since.fromSize, report.since.verdict, report.since.toSize)}`);
      if (report.uncheckpointedEntries) console.log(`  ${say.storeUncheckpointed(report.uncheckpointedEntries)}`);
      for (const p of report.problems) console.log(`  ${say.storeProblem}: ${p.message}`);
      console.log(`  ${say.storeCheckedIn(report.durationMs)}`);
    }
    return report.ok ? 0 : 1;
  },
};

/** The note itself, or the checkpoint JSON the helper serves (its `note` field). */
function readCheckpointFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the checkpoint file ${path}: ${(err as Error).message}`);
  }
  if (text.trimStart().startsWith('{')) {
    const note = (JSON.parse(text) as { note?: unknown }).note;
    if (typeof note !== 'string') throw new UsageError(`${path} is JSON without a "note" field`);
    return note;
  }
  return text;
}
