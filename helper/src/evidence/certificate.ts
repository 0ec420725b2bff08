// One parsed X.509 certificate: extensions read with @peculiar/x509, signatures checked with Node's native crypto.
// Parsing is memoised by DER, and "child was signed by parent" by the pair of fingerprints: both are pure
// functions of the bytes, and evidences of one provider all carry the same few certificates.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate as NativeCertificate, createHash, type KeyObject } from 'node:crypto';
import type { CertificateSummary } from '../../../shared/evidence/report.ts';
import type { DigestName } from './algorithms.ts';

export const KEY_USAGE = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  nonRepudiation: x509.KeyUsageFlags.nonRepudiation,
  keyCertSign: x509.KeyUsageFlags.keyCertSign,
} as const;

export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export interface Certificate {
  der: Uint8Array;
  /** SHA-256 of the DER, base64. */
  sha256: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  keyType: string;
  keyBits: number;
  /** Digest of the certificate's own signature algorithm; undefined when unknown. */
  signatureDigest: DigestName | undefined;
  isCa: boolean;
  /** KeyUsage bit flags, undefined when the extension is absent. */
  keyUsage: number | undefined;
  extendedKeyUsage: { purposes: string[]; critical: boolean } | undefined;
  native: NativeCertificate;
}

export class CertificateError extends Error {
  override name = 'CertificateError';
}

const HASH_NAMES: Readonly<Record<string, DigestName>> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const CACHE_LIMIT = 1024;
const parsed = new Map<string, Certificate>();
const signatures = new Map<string, boolean>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

export function parseCertificate(input: Uint8Array): Certificate {
  const key = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('base64');
  const cached = parsed.get(key);
  if (cached !== undefined) return cached;
  const der = new Uint8Array(input);
  let result: Certificate;
  try {
    result = readCertificate(der);
  } catch (error) {
    throw new CertificateError(`not a valid X.509 certificate: ${(error as Error).message}`);
  }
  return remember(parsed, key, result);
}

/** Every step may throw on a corrupt certificate (even reading its public key): the caller wraps them all. */
function readCertificate(der: Uint8Array<ArrayBuffer>): Certificate {
  const native = new NativeCertificate(der);
  const cert = new x509.X509Certificate(der);
  const publicKey = native.publicKey;
  const details = publicKey.asymmetricKeyDetails ?? {};
  const keyType = publicKey.asymmetricKeyType ?? 'unknown';
  const keyBits =
    keyType === 'rsa' || keyType === 'rsa-pss'
      ? (details.modulusLength ?? 0)
      : keyType === 'ec'
        ? curveBits(details.namedCurve)
        : 0;
  const basic = cert.getExtension(x509.BasicConstraintsExtension);
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const hashName = (cert.signatureAlgorithm as { hash?: { name?: string } }).hash?.name;
  return {
    der,
    sha256: createHash('sha256').update(der).digest('base64'),
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    publicKey,
    keyType: keyType === 'rsa-pss' ? 'rsa' : keyType,
    keyBits,
    signatureDigest: hashName === undefined ? undefined : HASH_NAMES[hashName],
    isCa: basic?.ca === true,
    keyUsage: usage?.usages,
    extendedKeyUsage: eku ? { purposes: eku.usages.map(String), critical: eku.critical } : undefined,
    native,
  };
}

function curveBits(curve: string | undefined): number {
  switch (curve) {
    case 'prime256v1':
      return 256;
    case 'secp384r1':
      return 384;
    case 'secp521r1':
      return 521;
    default:
      return 0;
  }
}

/** Whether `parent` issued `child`: names chain and `child`'s signature verifies with `parent`'s key. */
export function isIssuedBy(child: Certificate, parent: Certificate): boolean {
  if (child.issuer !== parent.subject) return false;
  const key = child.sha256 + '/' + parent.sha256;
  const cached = signatures.get(key);
  if (cached !== undefined) return cached;
  let ok: boolean;
  try {
    ok = child.native.verify(parent.publicKey);
  } catch {
    ok = false;
  }
  return remember(signatures, key, ok);
}

export function validAt(cert: Certificate, time: Date): 'valid' | 'not-yet-valid' | 'expired' {
  if (time < cert.notBefore) return 'not-yet-valid';
  if (time > cert.notAfter) return 'expired';
  return 'valid';
}

export function hasKeyUsage(cert: Certificate, ...anyOf: number[]): boolean {
  return cert.keyUsage !== undefined && anyOf.some((flag) => (cert.keyUsage! & flag) !== 0);
}

export function summarize(cert: Certificate): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: cert.sha256,
  };
}
