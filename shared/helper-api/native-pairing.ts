// Pairing without a code, through the native-messaging host that `ebox-keeper install` registers in the browsers:
// the extension sends its Origin's host; the host, which only our extension may start (the browser checks the
// manifest's allowed_origins / allowed_extensions), makes a pairing for that Origin in the helper's data
// directory and answers the helper's port and the pairing. Everything else goes over HTTP as before.
import { z } from 'zod';
import { extensionIdSchema, pairResponseSchema } from './pairing.ts';

export const nativePairRequestSchema = z.object({
  type: z.literal('pair'),
  /** The host of the extension's Origin (Chrome's ID, Firefox's per-install UUID). */
  originHost: extensionIdSchema,
  /** moz-extension or chrome-extension: the Origin's scheme. */
  scheme: z.enum(['chrome-extension', 'moz-extension']),
  label: z.string().max(100).optional(),
});
export type NativePairRequest = z.infer<typeof nativePairRequestSchema>;

export const nativePairAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), port: z.int().min(1).max(65_535), pairing: pairResponseSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type NativePairAnswer = z.infer<typeof nativePairAnswerSchema>;
