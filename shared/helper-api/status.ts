// GET /v1/status: what the popup shows.
import { z } from 'zod';
import { HELPER_API_VERSION } from './protocol.ts';
import { identitySummarySchema } from './identity.ts';
import { storeStatusSchema } from './store.ts';

export const statusResponseSchema = z.object({
  helper: z.object({ name: z.string(), version: z.string(), apiVersion: z.literal(HELPER_API_VERSION) }),
  pairing: z.object({ pairingId: z.string(), origin: z.string(), pairedAt: z.string(), label: z.string().optional() }),
  identity: identitySummarySchema,
  store: storeStatusSchema,
  tsa: z.object({ configured: z.boolean(), url: z.string().optional() }),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;
