// For the proofs' unit tests: the real helper in this process (127.0.0.1:0, its own data folder) and a client
// paired with it, sending what Chrome adds to a service worker's POSTs (the extension's Origin).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issuePairingCode } from '../../../helper/src/pairing/pairing-codes.ts';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { HelperClient } from '../helper-client/helper-client.ts';

const EXTENSION_ID = 'kfhdgeojlmnnpoidlmnbdkafbcmpakfe';

const chromeLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: `chrome-extension://${EXTENSION_ID}` } } : init);

export interface PairedHelper {
  helper: RunningHelper;
  dataDir: string;
  client: HelperClient;
  stop(): Promise<void>;
}

export async function pairedHelper(): Promise<PairedHelper> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ebk-proofs-'));
  const helper = await startHelper({ dataDir, port: 0 });
  const pairing = await new HelperClient({ port: helper.port, fetch: chromeLikeFetch }).pair(issuePairingCode(dataDir).display, EXTENSION_ID);
  return {
    helper,
    dataDir,
    client: new HelperClient({ port: helper.port, secret: pairing.secret, fetch: chromeLikeFetch }),
    async stop() {
      await helper.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
