// SHA-256 as the e-Box writes it: base64url without padding.
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A digest as base64url without padding, from standard base64 or padded base64url (sloppier registries). */
export function normaliseDigest(digest: string): string {
  return digest.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Compares base64url digests, tolerating padding and standard base64 from a sloppier registry. */
export function sameDigest(a: string, b: string): boolean {
  return normaliseDigest(a) === normaliseDigest(b);
}

export async function sha256Base64Url(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer as ArrayBuffer)));
}
