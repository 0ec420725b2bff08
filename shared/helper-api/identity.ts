// The signing identity as the helper describes it: never any key material, only what a person needs to judge it.
import { z } from 'zod';
import { isoDateTimeSchema, sha256HexSchema } from './protocol.ts';

export const SIGNATURE_SCHEMES = [
  'ecdsa-p256-sha256',
  'ecdsa-p384-sha384',
  'rsa-pkcs1-sha256',
  'rsa-pss-sha256',
] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

export const identitySummarySchema = z.object({
  /** True for the identity generated on first start: its signatures are NOT legally valid. */
  development: z.boolean(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: isoDateTimeSchema,
  notAfter: isoDateTimeSchema,
  scheme: z.enum(SIGNATURE_SCHEMES),
  /** SHA-256 of the signing certificate's DER, hex. */
  certificateSha256: sha256HexSchema,
  chainLength: z.number().int().positive(),
});
export type IdentitySummary = z.infer<typeof identitySummarySchema>;

export const importIdentityRequestSchema = z.object({
  /** The PKCS#12 (.p12/.pfx) file, base64. */
  pkcs12: z.string().min(1).max(1_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
  password: z.string().max(1024),
  /** For RSA keys only: PKCS#1 v1.5 (default) or PSS. */
  rsaScheme: z.enum(['rsa-pkcs1-sha256', 'rsa-pss-sha256']).optional(),
});
export type ImportIdentityRequest = z.infer<typeof importIdentityRequestSchema>;
