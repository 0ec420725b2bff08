// Requests from the extension's pages to the service worker about the local helper (only the service worker may
// call 127.0.0.1). The pages use the ask* functions; the service worker answers with the helper client
// (see answerHelperRequest's caller in background.ts), storing the pairing in helper-connection.ts.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { pairingCodeSchema, statusResponseSchema, type StatusResponse } from '../../../shared/helper-api/index.ts';

export const helperRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('helper/status') }),
  z.object({ type: z.literal('helper/pair'), code: pairingCodeSchema, port: z.int().min(1024).max(65_535) }),
  z.object({ type: z.literal('helper/unpair') }),
]);
export type HelperRequest = z.input<typeof helperRequestSchema>;

export type HelperAnswer = { ok: true; status: StatusResponse | null } | { ok: false; error: string };

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
