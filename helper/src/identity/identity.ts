// The helper's signing identity: a private key (a node:crypto KeyObject, never serialised outside the identity
// directory) and its certificate chain, signer first. Summaries are what leaves the helper.
import { X509Certificate, createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { IdentitySummary, SignatureScheme } from '../../../shared/helper-api/identity.ts';

export const DEVELOPMENT_SUBJECT_MARK = 'e-Box Keeper development identity - NOT LEGALLY VALID';

export interface Identity {
  privateKey: KeyObject;
  /** DER certificates, the signing certificate first, then its issuers. */
  chain: Buffer[];
  scheme: SignatureScheme;
  development: boolean;
}

/** Which scheme a key signs with; RSA keys default to PKCS#1 v1.5 unless PSS is asked for. */
export function schemeForKey(key: KeyObject, rsaScheme: 'rsa-pkcs1-sha256' | 'rsa-pss-sha256' = 'rsa-pkcs1-sha256'): SignatureScheme {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return 'ecdsa-p256-sha256';
    if (curve === 'secp384r1') return 'ecdsa-p384-sha384';
    throw new Error(`EC curve ${curve} is not supported (P-256 and P-384 are)`);
  }
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error(`RSA keys of ${bits} bits are too weak (2048 at least)`);
    return rsaScheme;
  }
  if (type === 'rsa-pss') return 'rsa-pss-sha256';
  throw new Error(`key type ${type} is not supported (RSA, ECDSA P-256 or P-384)`);
}

export function hashOf(scheme: SignatureScheme): 'sha256' | 'sha384' {
  return scheme === 'ecdsa-p384-sha384' ? 'sha384' : 'sha256';
}

/** node:crypto sign options for a scheme: ECDSA signatures DER-encoded as CMS wants them. */
export function signOptions(scheme: SignatureScheme, key: KeyObject) {
  if (scheme === 'rsa-pss-sha256') return { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 };
  if (scheme === 'rsa-pkcs1-sha256') return { key, padding: 1 /* RSA_PKCS1_PADDING */ };
  // ECDSA: node:crypto's default encoding is already DER (as CMS wants); the bare key skips option parsing.
  return key;
}

/** Signs and verifies a probe: a key that does not match the certificate is refused before it is ever used. */
export function checkKeyMatchesCertificate(identity: Identity): void {
  const cert = new X509Certificate(identity.chain[0]!);
  const probe = Buffer.from('e-Box Keeper key check');
  const signature = sign(hashOf(identity.scheme), probe, signOptions(identity.scheme, identity.privateKey));
  const publicKey = cert.publicKey;
  const ok = verify(hashOf(identity.scheme), probe, signOptions(identity.scheme, publicKey) as never, signature);
  if (!ok) throw new Error('the private key does not belong to the signing certificate');
}

export function summarise(identity: Identity): IdentitySummary {
  return summariseChain(identity.chain, identity.scheme, identity.development);
}

/** A summary from certificates alone (e.g. those inside a receipt's CMS, signed by an earlier identity). */
export function summariseChain(chain: Buffer[], scheme: SignatureScheme, development: boolean): IdentitySummary {
  const cert = new X509Certificate(chain[0]!);
  return {
    development,
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    scheme,
    certificateSha256: createHash('sha256').update(chain[0]!).digest('hex'),
    chainLength: chain.length,
  };
}
