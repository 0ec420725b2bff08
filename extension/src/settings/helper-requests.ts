// Requests from the extension's pages about the local helper, and the service worker's answers. Only the service
// worker may call 127.0.0.1 (Local Network Access), so pages ask it, through the typed calls of
// messaging/protocol.ts: status for the popup, pair and unpair for the options page. The pairing is kept in
// helper-connection.ts.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { pairingCodeSchema, statusResponseSchema, type StatusResponse } from '../../../shared/helper-api/index.ts';
import { HelperClient, HelperClientError } from '../helper-client/helper-client.ts';
import { callWorker } from '../messaging/client.ts';
import { serve, type Handlers, type ParamSchemas } from '../messaging/server.ts';
import { extensionOriginHost } from '../platform/runtime.ts';
import { loadHelperConnection, saveHelperConnection } from './helper-connection.ts';
import { pairThroughNativeHost, type SendNativeMessage } from './native-pairing.ts';

export const helperPairSchema = z.object({ code: pairingCodeSchema, port: z.int().min(1024).max(65_535) });

/** Each answers the helper's status, or null when not paired. */
export interface HelperApi {
  'helper.status': () => StatusResponse | null;
  'helper.pair': (p: z.input<typeof helperPairSchema>) => StatusResponse | null;
  'helper.unpair': () => StatusResponse | null;
}

// ---- pages ----

const checked = (status: StatusResponse | null) => (status === null ? null : statusResponseSchema.parse(status));

/** The helper's status, or null when not paired. */
export const askHelperStatus = () => callWorker('helper.status').then(checked);
/** Pairs with the code the helper shows; resolves to the helper's status once paired. */
export const askPair = (code: string, port: number) => callWorker('helper.pair', { code, port }).then(checked);
export const askUnpair = () => callWorker('helper.unpair').then(() => undefined);

// ---- service worker ----

export interface HelperRequestDeps {
  /** For tests: a fetch adding what Chrome adds (the extension's Origin on POSTs). */
  fetch?: typeof fetch;
  /** For tests: the native-messaging channel to the host. */
  sendNative?: SendNativeMessage;
}

export function helperHandlers(deps: HelperRequestDeps = {}): Handlers<keyof HelperApi> {
  const client = (port: number, secret?: string) => new HelperClient({ port, ...(secret ? { secret } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  return {
    'helper.pair': async ({ code, port }) => {
      const pairing = await client(port).pair(code, extensionOriginHost(), 'e-Box Keeper');
      await saveHelperConnection({ port, pairing });
      return client(port, pairing.secret).status();
    },
    'helper.status': async () => {
      // Not paired: an installed helper's native host pairs us without a code (issue 15); without one, status is
      // null and the options page offers the one-time code.
      let connection = await loadHelperConnection();
      if (!connection.pairing) connection = (await pairThroughNativeHost(deps.sendNative)) ?? connection;
      if (!connection.pairing) return null;
      try {
        return await client(connection.port, connection.pairing.secret).status();
      } catch (error) {
        // The helper no longer knows this pairing (reset, or unpaired from its side): pair again.
        if (error instanceof HelperClientError && error.failure === 'unpaired') {
          await saveHelperConnection({ ...connection, pairing: null });
          return null;
        }
        throw error;
      }
    },
    'helper.unpair': async () => {
      const connection = await loadHelperConnection();
      if (!connection.pairing) return null;
      try {
        await client(connection.port, connection.pairing.secret).unpair();
      } catch (error) {
        // A helper that is gone or already forgot us leaves nothing to undo on its side.
        const forgettable = error instanceof HelperClientError && (error.failure === 'not-running' || error.failure === 'unpaired');
        if (!forgettable) throw error;
      }
      await saveHelperConnection({ ...connection, pairing: null });
      return null;
    },
  };
}

export const helperSchemas: ParamSchemas<keyof HelperApi> = { 'helper.pair': helperPairSchema };

/** Serves the helper requests; called once from background.ts. */
export function registerHelperRequests(): void {
  serve(helperHandlers(), helperSchemas);
  // An installed helper pairs us as soon as the browser starts or the extension is installed, before any page asks.
  const pairIfUnpaired = () => void loadHelperConnection().then((c) => (c.pairing ? null : pairThroughNativeHost()));
  browser.runtime.onInstalled.addListener(pairIfUnpaired);
  browser.runtime.onStartup.addListener(pairIfUnpaired);
}
