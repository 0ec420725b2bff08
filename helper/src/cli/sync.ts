// `ebox-keeper sync [--enterprise CBE] [--json]`: syncs the consumer accounts once. The running helper owns the
// store and syncs on its own schedule (and on demand from the extension), so this refuses to run beside it.
import { createContext } from '../context.ts';
import { SyncDb } from '../sync/sync-db.ts';
import { syncAll, DEFAULT_PARALLEL } from '../sync/sync-runner.ts';
import { retrievalAcknowledger } from '../sync/retrieval-receipts.ts';
import { evidenceKeeper } from '../sync/qualified-evidence.ts';
import { problemLines, summaryLine, totals } from '../sync/sync-report.ts';
import { syncProgressBar } from '../sync/sync-progress.ts';
import { helperRunning } from './export-bundle.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, portFrom, type CliCommand } from './command.ts';

export const syncCommand: CliCommand = {
  usage: `ebox-keeper sync [--enterprise CBE] [--json] [--full] [--parallel N]

  --enterprise CBE  only this account
  --json            the result as JSON on stdout (nothing else is printed there)
  --full            read every provider's whole list, not only what is new since the last run
  --parallel N      documents downloaded at once per provider (default ${DEFAULT_PARALLEL})
  --port N          the helper's port, to refuse running beside it (env EBOX_KEEPER_PORT)
Exit status: 0 all kept, 1 something could not be kept (each problem is named), 2 usage error.
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      enterprise: { type: 'string' },
      json: { type: 'boolean' },
      full: { type: 'boolean' },
      parallel: { type: 'string' },
      port: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const parallel = values.parallel === undefined ? DEFAULT_PARALLEL : Number(values.parallel);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > 64) throw new UsageError('--parallel must be a number from 1 to 64');
    if (await helperRunning(portFrom(values.port))) {
      throw new Error('the helper is running and owns the store: it syncs on its schedule; use "sync now" in the extension\'s options, or stop it first');
    }
    const dataDir = dataDirFrom(values['data-dir']);
    const ctx = await createContext({ dataDir, port: 0, signingThreads: 0 });
    const db = new SyncDb(dataDir);
    const bar = syncProgressBar(process.stderr);
    const started = performance.now();
    try {
      const results = await syncAll({
        dataDir,
        db,
        blobs: ctx.store.blobs,
        parallel,
        ...(values.enterprise ? { enterprise: values.enterprise } : {}),
        ...(values.full ? { full: true } : {}),
        receiptsFor: (account) => retrievalAcknowledger(account, ctx.receipts, ctx.store),
        evidenceFor: () => evidenceKeeper(ctx),
        onProgress: (p) => bar.update(p),
      });
      bar.done();
      const seconds = (performance.now() - started) / 1000;
      const problems = problemLines(results);
      if (values.json) console.log(JSON.stringify({ totals: totals(results), seconds, accounts: results }, null, 2));
      else {
        for (const line of problems) console.error(line);
        console.log(summaryLine(results, seconds));
      }
      return problems.length ? 1 : 0;
    } finally {
      db.close();
      await ctx.store.close();
      await ctx.receipts.close();
    }
  },
};
