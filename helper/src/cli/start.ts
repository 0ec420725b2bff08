// `ebox-keeper start`: runs the helper in the foreground until interrupted.
import { startHelper } from '../server.ts';
import { defaultSigningThreads } from '../context.ts';
import { issuePairingCode } from '../pairing/pairing-codes.ts';
import { StoreRefusedError } from '../store/store-refusal.ts';

/** Exit status when the proof store is refused (EX_DATAERR): the store is damaged or was rolled back. */
export const STORE_REFUSED_EXIT = 65;
import { tsaUrlFrom } from '../cms/tsa-config.ts';
import { DEFAULT_SYNC_INTERVAL_MS } from '../sync/sync-service.ts';
import { listConsumerAccounts } from '../consumers/consumer-store.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, portFrom, type CliCommand } from './command.ts';

function signingThreadsFrom(flag: string | undefined): number {
  if (flag === undefined) return defaultSigningThreads();
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--signing-threads must be a number from 0 to 64, not "${flag}"`);
  return n;
}

export const startCommand: CliCommand = {
  usage: `ebox-keeper start [--port N] [--tsa-url URL] [--signing-threads N] [--data-dir DIR]

  --port N         port on 127.0.0.1 (env EBOX_KEEPER_PORT; default 47615; 0 picks a free one)
  --tsa-url URL    RFC 3161 time-stamping authority: receipts become CAdES-B-T, checkpoints are time-stamped
                   (env EBOX_KEEPER_TSA_URL; a qualified time-stamping service (QTST) of a national trusted
                   list; none by default: receipts are then CAdES-B-B and bundles cannot be exported)
  --sync-every HOURS
                   sync the consumer accounts (ebox-keeper consumer add) every HOURS hours, and once at start
                   (env EBOX_KEEPER_SYNC_HOURS; default 6; 0 only on demand from the extension)
  --signing-threads N
                   threads that validate and sign acknowledgements beside the main thread (HTTP and the
                   store); 0 signs on the main thread (default: one per core but one, at most 4)
${COMMON_USAGE}`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' }, 'tsa-url': { type: 'string' }, 'signing-threads': { type: 'string' }, 'sync-every': { type: 'string' } });
    const syncHoursText = values['sync-every'] ?? process.env.EBOX_KEEPER_SYNC_HOURS ?? String(DEFAULT_SYNC_INTERVAL_MS / 3600_000);
    const syncHours = Number(syncHoursText);
    if (!Number.isFinite(syncHours) || syncHours < 0 || syncHours > 24 * 31) throw new UsageError(`--sync-every must be a number of hours from 0 to 744, not "${syncHoursText}"`);
    const dataDir = dataDirFrom(values['data-dir']);
    const signingThreads = signingThreadsFrom(values['signing-threads']);
    const tsaUrl = tsaUrlFrom(values['tsa-url']);
    let stopping = false;
    let helper: Awaited<ReturnType<typeof startHelper>>;
    try {
      helper = await startHelper({
      dataDir,
      port: portFrom(values.port),
      signingThreads,
      ...(tsaUrl ? { tsaUrl } : {}),
      onFatal: (err) => {
        // The disk can no longer be trusted: stop answering at once rather than acknowledge what may be lost.
        console.error(`FATAL: ${err.message}`);
        process.exit(70);
      },
      });
    } catch (err) {
      if (!(err instanceof StoreRefusedError)) throw err;
      console.error(`REFUSED TO START: ${err.message}`);
      return STORE_REFUSED_EXIT;
    }
    const { ctx } = helper;
    const torn = ctx.store.repairedTail;
    if (torn) console.log(`store: cut off the last ${torn.bytes} bytes of log.bin from byte ${torn.offset}: a write cut short by a crash, never acknowledged (${torn.reason})`);
    console.log(`e-Box Keeper helper listening on ${helper.url} (data ${dataDir})`);
    console.log(`store: ${ctx.store.size} entries, origin ${ctx.store.info.origin}`);
    console.log(`store checkpoint key: ${ctx.store.verifierKey}`);
    const id = ctx.identity.summary;
    console.log(`signing identity: ${id.subject} (${id.scheme})`);
    if (id.development) console.log('WARNING: development identity - receipts are NOT LEGALLY VALID until you run `ebox-keeper import-identity`');
    console.log(`time-stamping authority: ${tsaUrl ?? 'none (receipts CAdES-B-B; bundles need one)'}`);
    console.log(`signing threads: ${signingThreads || 'none (signing on the main thread)'}`);
    if (ctx.pairings.list().length === 0) {
      const { display, expiresAt } = issuePairingCode(dataDir);
      console.log(`pairing code: ${display} (enter it in the extension's options before ${expiresAt.toISOString()})`);
    }
    const accounts = listConsumerAccounts(dataDir).length;
    if (syncHours > 0) ctx.sync.schedule(syncHours * 3600_000, (line) => console.log(line));
    console.log(`sync: ${accounts} consumer account(s), ${syncHours > 0 ? `every ${syncHours} h` : 'on demand only'}`);
    console.log('ready: press Ctrl+C to stop');
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void helper.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return new Promise<number>(() => {});
  },
};
