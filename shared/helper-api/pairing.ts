// Pairing: the helper shows a one-time code (`ebox-keeper pair-code`, or printed at start while nothing is
// paired); the user types it in the extension's options; the extension POSTs it from its service worker and gets a
// long secret bound to its origin (chrome-extension://ID or moz-extension://UUID).
import { z } from 'zod';
import { isoDateTimeSchema } from './protocol.ts';

/** Eight characters from an alphabet without look-alikes, shown as XXXX-XXXX; the dash is optional on input. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const pairingCodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, 'a pairing code of 8 letters and digits'));

export const extensionIdSchema = z.string().regex(/^[A-Za-z0-9_.@{}-]{1,128}$/, 'an extension id');

export const pairRequestSchema = z.object({
  code: pairingCodeSchema,
  /**
   * The host of the extension's Origin: Chrome's extension ID, or in Firefox the per-install UUID of
   * moz-extension://<UUID> (not runtime.id, which is the gecko id there).
   */
  extensionId: extensionIdSchema,
  /** Shown in `ebox-keeper status`, e.g. "Chrome on laptop-42". */
  label: z.string().max(100).optional(),
});
export type PairRequest = z.input<typeof pairRequestSchema>;

export const pairResponseSchema = z.object({
  pairingId: z.string(),
  /** Send as `X-Ebox-Keeper-Secret: <secret>`; the helper keeps only its hash. */
  secret: z.string(),
  origin: z.string(),
  pairedAt: isoDateTimeSchema,
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

export const unpairResponseSchema = z.object({ unpaired: z.literal(true), pairingId: z.string() });
export type UnpairResponse = z.infer<typeof unpairResponseSchema>;
