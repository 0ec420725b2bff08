// XML signature algorithm URIs and the algorithm policy: SHA-1 (and MD5) digests and RSA keys under 2048 bits are
// refused (CRYPTO_CONSTRAINTS_FAILURE), as in the EU's SOG-IS / ETSI TS 119 312 catalogue for new validations.

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'md5';

export const DIGEST_METHODS: Readonly<Record<string, DigestName>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#sha224': 'sha224',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2001/04/xmldsig-more#md5': 'md5',
};

export interface SignatureMethod {
  key: 'rsa' | 'ec';
  digest: DigestName;
  /** RSASSA-PSS with MGF1 over the same digest (RFC 6931 2.3.10), and this salt length in bytes. */
  pss?: { saltLength: number };
}

export const DIGEST_BYTES: Readonly<Record<DigestName, number>> = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };
const pss = (digest: DigestName): SignatureMethod => ({ key: 'rsa', digest, pss: { saltLength: DIGEST_BYTES[digest] } });

/** RSASSA-PSS with explicit RSAPSSParams (XML Signature 1.1, RFC 6931 2.3.10); its parameters are in the element. */
export const RSA_PSS_METHOD = 'http://www.w3.org/2007/05/xmldsig-more#rsa-pss';
export const RSA_PSS_PARAMS_NS = 'http://www.w3.org/2007/05/xmldsig-more#';

export const SIGNATURE_METHODS: Readonly<Record<string, SignatureMethod>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { key: 'rsa', digest: 'sha1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { key: 'rsa', digest: 'sha256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { key: 'rsa', digest: 'sha384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { key: 'rsa', digest: 'sha512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': { key: 'ec', digest: 'sha1' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { key: 'ec', digest: 'sha256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { key: 'ec', digest: 'sha384' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { key: 'ec', digest: 'sha512' },
  // RSASSA-PSS, salt as long as the digest (RFC 6931 2.3.10); the SHA-1 one is refused by the digest policy below.
  'http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1': pss('sha1'),
  'http://www.w3.org/2007/05/xmldsig-more#sha224-rsa-MGF1': pss('sha224'),
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': pss('sha256'),
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1': pss('sha384'),
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1': pss('sha512'),
};

/** DER OIDs of digests met in RFC 3161 tokens and certificates. */
export const DIGEST_OIDS: Readonly<Record<string, DigestName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.2.840.113549.2.5': 'md5',
};

const REFUSED_DIGESTS: ReadonlySet<DigestName> = new Set(['sha1', 'md5']);
export const MIN_RSA_BITS = 2048;
export const MIN_EC_BITS = 256;

export function digestAccepted(digest: DigestName): boolean {
  return !REFUSED_DIGESTS.has(digest);
}

/** Why a public key is too weak, or undefined when it is accepted. */
export function keyWeakness(key: { type: 'rsa' | 'ec' | string; bits: number }): string | undefined {
  if (key.type === 'rsa' && key.bits < MIN_RSA_BITS) return `RSA key of ${key.bits} bits (minimum ${MIN_RSA_BITS})`;
  if (key.type === 'ec' && key.bits < MIN_EC_BITS) return `EC key of ${key.bits} bits (minimum ${MIN_EC_BITS})`;
  if (key.type !== 'rsa' && key.type !== 'ec') return `unsupported key type ${key.type}`;
  return undefined;
}
