// `ebox-keeper messages [--enterprise CBE] [--expiring DAYS] [--json]`: what the sync keeps, newest first.
import { SyncDb } from '../sync/sync-db.ts';
import { keptMessages } from '../sync/kept-messages.ts';
import { isCbe } from '../consumers/consumer-account.ts';
import { translate } from '../../../shared/ebox/model.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const messagesCommand: CliCommand = {
  usage: `ebox-keeper messages [--enterprise CBE] [--expiring DAYS] [--json]

  --enterprise CBE   only this enterprise's messages
  --expiring DAYS    only messages the e-Box deletes within DAYS days
  --json             JSON on stdout
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { enterprise: { type: 'string' }, expiring: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.enterprise && !isCbe(values.enterprise)) throw new UsageError('--enterprise must be a CBE number of 10 digits starting with 0 or 1');
    const days = values.expiring === undefined ? undefined : Number(values.expiring);
    if (days !== undefined && (!Number.isFinite(days) || days < 0)) throw new UsageError('--expiring must be a number of days');
    const db = new SyncDb(dataDirFrom(values['data-dir']));
    try {
      const items = keptMessages(db, { ...(values.enterprise ? { enterprise: values.enterprise } : {}), ...(days !== undefined ? { expiringWithinDays: days } : {}) });
      if (values.json) {
        console.log(JSON.stringify({ items }, null, 2));
        return 0;
      }
      for (const m of items) {
        const docs = m.documents.map((d) => (d.state === 'kept' ? d.fileName : `${d.fileName} (${d.state})`)).join(', ');
        console.log(`${m.enterprise}  ${m.receiptDate.slice(0, 10)}  expires ${m.expirationDate.slice(0, 10)}  ${m.kind.padEnd(10)}  ${translate(m.message.subject, 'fr')}  [${docs}]`);
      }
      console.log(`${items.length} message(s)`);
      return 0;
    } finally {
      db.close();
    }
  },
};
