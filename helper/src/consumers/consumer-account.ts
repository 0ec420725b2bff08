// A Document Consumer account: the OAuth client (id and PKCS#12 registered for it) that consults one enterprise's
// e-Box, its own or a client's under a mandate, and where to ask for tokens and providers.
import { z } from 'zod';

const CBE = /^[01]\d{9}$/;

export const consumerAccountSchema = z.object({
  /** The enterprise whose e-Box is consulted (CBE number, 10 digits). Also the account's name. */
  enterprise: z.string().regex(CBE, 'a CBE number of 10 digits starting with 0 or 1'),
  clientId: z.string().min(1).max(300),
  tokenUrl: z.url(),
  /** Only when the docs' audience for this token URL must be overridden. */
  audience: z.string().min(1).optional(),
  federationUrl: z.url(),
  /** Registries given by hand: used instead of the federation's list when not empty. */
  registries: z.array(z.url()),
  addedAt: z.string(),
  /** Subject and validity of the certificate, for `consumer list` (never the key). */
  certificate: z.object({ subject: z.string(), notAfter: z.string(), sha256: z.string() }),
});
export type ConsumerAccount = z.infer<typeof consumerAccountSchema>;

export function isCbe(text: string): boolean {
  return CBE.test(text);
}
