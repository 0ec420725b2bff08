// The page could forge bridge messages, so the isolated side validates every field and treats the body as
// untrusted input (normalised by shared/ebox before use).
import { z } from 'zod';
import { BRIDGE_CHANNEL, type BridgeMessage } from './bridge-protocol.ts';

export const bridgeMessageSchema: z.ZodType<BridgeMessage> = z.object({
  channel: z.literal(BRIDGE_CHANNEL),
  url: z.string().max(8192),
  status: z.number().int(),
  authorization: z.string().max(16384).optional(),
  body: z.unknown(),
  at: z.iso.datetime().optional(),
}) as z.ZodType<BridgeMessage>;
