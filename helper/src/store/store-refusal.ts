// Why the helper refuses to open its proof store: anything that could mean acknowledged receipts are damaged or
// gone. The store is left exactly as it was found, and the message says where and what to do.
import { dirname } from 'node:path';

export class StoreRefusedError extends Error {
  override name = 'StoreRefusedError';
  readonly storeDir: string;

  constructor(storeDir: string, what: string) {
    super(
      [
        `the proof store in ${storeDir} was not opened and nothing was changed: ${what}.`,
        'Acknowledged receipts may be affected, so the helper does not start on it.',
        `To investigate: keep a copy of ${storeDir} as it is, run \`ebox-keeper verify-store --data-dir ${dirname(storeDir)}\``,
        '(it names the damaged records and entries), then restore log.bin from a backup or ask for help with the copy.',
      ].join('\n'),
    );
    this.storeDir = storeDir;
  }
}
