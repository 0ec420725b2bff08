// Requests from the extension's pages about the local helper, and the service worker's answers. Only the service
// worker may call 127.0.0.1 (Local Network Access), so pages ask it: status for the popup, pair and unpair for
// the options page. The pairing is kept in helper-connection.ts.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { pairingCodeSchema, statusResponseSchema, type StatusResponse } from '../../../shared/helper-api/index.ts';
import { HelperClient, HelperClientError } from '../helper-client/helper-client.ts';
import { extensionOriginHost } from '../platform/runtime.ts';
import { loadHelperConnection, saveHelperConnection } from './helper-connection.ts';
import { pairThroughNativeHost, type SendNativeMessage } from './native-pairing.ts';

export const helperRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('helper/status') }),
  z.object({ type: z.literal('helper/pair'), code: pairingCodeSchema, port: z.int().min(1024).max(65_535) }),
  z.object({ type: z.literal('helper/unpair') }),
]);
export type HelperRequest = z.input<typeof helperRequestSchema>;

/** `status` is null when not paired. */
export type HelperAnswer = { ok: true; status: StatusResponse | null } | { ok: false; error: string };

// ---- pages ----

async function ask(request: HelperRequest): Promise<StatusResponse | null> {
  const answer = (await browser.runtime.sendMessage(request)) as HelperAnswer | undefined;
  if (!answer) throw new Error('the extension did not answer');
  if (!answer.ok) throw new Error(answer.error);
  return answer.status === null ? null : statusResponseSchema.parse(answer.status);
}

/** The helper's status, or null when not paired. */
export const askHelperStatus = () => ask({ type: 'helper/status' });
/** Pairs with the code the helper shows; resolves to the helper's status once paired. */
export const askPair = (code: string, port: number) => ask({ type: 'helper/pair', code, port });
export const askUnpair = () => ask({ type: 'helper/unpair' }).then(() => undefined);

// ---- service worker ----

export interface HelperRequestDeps {
  /** For tests: a fetch adding what Chrome adds (the extension's Origin on POSTs). */
  fetch?: typeof fetch;
  /** For tests: the native-messaging channel to the host. */
  sendNative?: SendNativeMessage;
}

export async function answerHelperRequest(raw: z.output<typeof helperRequestSchema>, deps: HelperRequestDeps = {}): Promise<StatusResponse | null> {
  let connection = await loadHelperConnection();
  // Not paired: an installed helper's native host pairs us without a code (issue 15); without one, status is null
  // and the options page offers the one-time code.
  if (raw.type === 'helper/status' && !connection.pairing) connection = (await pairThroughNativeHost(deps.sendNative)) ?? connection;
  const client = (port: number, secret?: string) => new HelperClient({ port, ...(secret ? { secret } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });

  switch (raw.type) {
    case 'helper/pair': {
      const pairing = await client(raw.port).pair(raw.code, extensionOriginHost(), 'e-Box Keeper');
      await saveHelperConnection({ port: raw.port, pairing });
      return client(raw.port, pairing.secret).status();
    }
    case 'helper/status': {
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
    }
    case 'helper/unpair': {
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
    }
  }
}

/** A runtime.onMessage listener answering helper requests from this extension's own pages. */
export function helperRequestListener(deps: HelperRequestDeps = {}) {
  return (message: unknown, sender: { id?: string }, sendResponse: (answer: HelperAnswer) => void): boolean => {
    if (sender.id !== browser.runtime.id) return false;
    const parsed = helperRequestSchema.safeParse(message);
    if (!parsed.success) {
      // A helper request with a bad field (a mistyped pairing code) gets the reason; anything else is not ours.
      const type = (message as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !type.startsWith('helper/')) return false;
      sendResponse({ ok: false, error: parsed.error.issues[0]?.message ?? 'invalid request' });
      return false;
    }
    answerHelperRequest(parsed.data, deps).then(
      (status) => sendResponse({ ok: true, status }),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  };
}

/** Registers the listener; called once from background.ts. */
export function registerHelperRequests(): void {
  browser.runtime.onMessage.addListener(helperRequestListener());
  // An installed helper pairs us as soon as the browser starts or the extension is installed, before any page asks.
  const pairIfUnpaired = () => void loadHelperConnection().then((c) => (c.pairing ? null : pairThroughNativeHost()));
  browser.runtime.onInstalled.addListener(pairIfUnpaired);
  browser.runtime.onStartup.addListener(pairIfUnpaired);
}
