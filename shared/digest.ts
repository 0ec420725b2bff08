// One model for the two SHA-256 values a kept document has, shared by the extension, the helper, receipts, bundles
// and reports:
//   - `sha256`: the SHA-256 of the bytes e-Box Keeper downloaded and keeps (the document store's key);
//   - `eboxDigest`: the SHA-256 the e-Box published for the document (attachment.digest.digestValue), when it did.
// Both are spelt as the e-Box spells its digest: base64url without padding, 43 characters. Formats whose
// specifications fix another spelling keep it: hex in the proof store's file names and leaf hashes, base64 in
// RFC 9162/C2SP checkpoints and proofs, in XML DigestValue and in ASiC manifests.
// Pure TypeScript with WebCrypto, so it runs unchanged in the browser and in Node.
import { z } from 'zod';

/** A SHA-256 in base64url without padding. */
export type Sha256 = string;

export const SHA256_ENCODING = 'base64url';
export const sha256Schema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a SHA-256 in base64url (43 characters)');

/** base64url without padding of any bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A digest as base64url without padding, from standard base64 or padded base64url (sloppier registries). */
export function normaliseDigest(digest: string): Sha256 {
  return digest.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether two digests are the same, tolerating padding and standard base64 from a sloppier registry. */
export function sameDigest(a: string, b: string): boolean {
  return normaliseDigest(a) === normaliseDigest(b);
}

/** The SHA-256 of some bytes, in the model's encoding. */
export async function sha256Of(data: Blob | ArrayBuffer | Uint8Array): Promise<Sha256> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer as ArrayBuffer)));
}

/** A model SHA-256 as the lowercase hex the proof store names files with. */
export function sha256ToHex(sha256: Sha256): string {
  const binary = atob(sha256.replace(/-/g, '+').replace(/_/g, '/'));
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

export const DIGEST_CHECKS = ['match', 'mismatch', 'no-ebox-digest'] as const;
/** How the kept bytes compare with what the e-Box published. */
export type DigestCheck = (typeof DIGEST_CHECKS)[number];

export function digestCheckOf(sha256: Sha256, eboxDigest: string | undefined | null): DigestCheck {
  if (eboxDigest === undefined || eboxDigest === null) return 'no-ebox-digest';
  return sameDigest(sha256, eboxDigest) ? 'match' : 'mismatch';
}
