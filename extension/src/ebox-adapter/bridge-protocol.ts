// What the main-world capture tells the isolated content script, over window.postMessage on the page itself.
// The page could forge these, so the isolated side validates every field and treats the body as untrusted input.
import { z } from 'zod';

export const BRIDGE_CHANNEL = 'ebox-keeper/registry-capture/v1';

export const bridgeMessageSchema = z.object({
  channel: z.literal(BRIDGE_CHANNEL),
  url: z.string().max(8192),
  status: z.number().int(),
  /** The Authorization header the app sent with the call (its bearer token, held in its memory). */
  authorization: z.string().max(16384).optional(),
  body: z.unknown(),
});
export type BridgeMessage = z.infer<typeof bridgeMessageSchema>;
