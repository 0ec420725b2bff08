// One parsed X.509 certificate: structure and the few extensions the verifier needs read with the @peculiar/asn1-x509
// schemas, signatures checked with Node's native crypto. Only those extensions are decoded: a certificate with an
// odd extension the verifier has no use for (a Spanish list has a subjectAltName OtherName @peculiar/x509 refuses,
// which openssl reads) stays usable. Parsing is memoised by DER, and "child was signed by parent" by the pair of
// fingerprints: both are pure functions of the bytes, and evidences of one provider all carry the same few
// certificates.
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import {
  AuthorityInfoAccessSyntax,
  BasicConstraints,
  Certificate as AsnCertificate,
  CRLDistributionPoints,
  ExtendedKeyUsage,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_pe_authorityInfoAccess,
  KeyUsage,
  KeyUsageFlags,
  type Extension,
} from '@peculiar/asn1-x509';
import { Name } from '@peculiar/x509';
import { X509Certificate as NativeCertificate, constants, createHash, verify as verifySignature, type KeyObject } from 'node:crypto';
import type { CertificateSummary } from '../../../shared/evidence/report.ts';
import type { DigestName } from './algorithms.ts';

export const KEY_USAGE = {
  digitalSignature: KeyUsageFlags.digitalSignature,
  nonRepudiation: KeyUsageFlags.nonRepudiation,
  keyCertSign: KeyUsageFlags.keyCertSign,
  cRLSign: KeyUsageFlags.cRLSign,
} as const;

export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
/** id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1): the OCSP responder's own certificate needs no revocation check. */
const OID_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const OID_AIA_OCSP = '1.3.6.1.5.5.7.48.1';

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
  /** http(s) URLs of the CRL distribution points and of the OCSP responders (authorityInfoAccess). */
  crlUrls: string[];
  ocspUrls: string[];
  /** Carries id-pkix-ocsp-nocheck. */
  ocspNoCheck: boolean;
  /** The subjectPublicKey BIT STRING's value (what an OCSP CertID's issuerKeyHash digests). */
  publicKeyBits: Uint8Array;
  native: NativeCertificate;
}

export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Digests of certificate (and CRL) signature algorithms: RSA PKCS#1 v1.5 and ECDSA. */
export const SIGNATURE_ALGORITHM_DIGESTS: Readonly<Record<string, DigestName>> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
const HASH_OIDS: Readonly<Record<string, DigestName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** The digest an AlgorithmIdentifier of a certificate or CRL signature names (RSASSA-PSS through its parameters). */
export function signatureAlgorithmDigest(algorithm: string, parameters: ArrayBuffer | null | undefined): DigestName | undefined {
  if (algorithm !== OID_RSASSA_PSS) return SIGNATURE_ALGORITHM_DIGESTS[algorithm];
  try {
    const params = parameters ? AsnConvert.parse(parameters, RsaSaPssParams) : new RsaSaPssParams();
    return HASH_OIDS[params.hashAlgorithm.algorithm];
  } catch {
    return undefined;
  }
}

/**
 * Verifies a signature made with an X.509 AlgorithmIdentifier (of a certificate, CRL, OCSP response or CMS signer):
 * RSA PKCS#1 v1.5, RSASSA-PSS (salt length from its parameters) or ECDSA (DER-encoded). False when it does not hold,
 * or when the algorithm is unknown.
 */
export function verifyAlgorithmSignature(
  algorithm: string,
  parameters: ArrayBuffer | null | undefined,
  data: Uint8Array,
  key: KeyObject,
  signature: Uint8Array,
): boolean {
  const digest = signatureAlgorithmDigest(algorithm, parameters);
  if (digest === undefined) return false;
  try {
    if (algorithm === OID_RSASSA_PSS) {
      const saltLength = parameters ? AsnConvert.parse(parameters, RsaSaPssParams).saltLength : 20;
      return verifySignature(digest, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
    }
    return verifySignature(digest, data, key, signature);
  } catch {
    return false;
  }
}

/** A DER X.500 name in the RFC 4514-like form the reports use ("CN=..., O=..., C=BE"). */
export function nameText(name: ConstructorParameters<typeof Name>[0]): string {
  return new Name(name).toString();
}

/** A serial number as lowercase hex, without the sign octet DER adds. */
export function serialHex(raw: ArrayBuffer): string {
  let bytes = new Uint8Array(raw);
  if (bytes.length > 1 && bytes[0] === 0 && bytes[1]! > 0x7f) bytes = bytes.subarray(1);
  return Buffer.from(bytes).toString('hex');
}

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

function extension<T>(extensions: readonly Extension[], oid: string, type: new () => T): { value: T; critical: boolean } | undefined {
  const ext = extensions.find((e) => e.extnID === oid);
  return ext && { value: AsnConvert.parse(ext.extnValue, type), critical: ext.critical };
}

function httpUrls(names: readonly { uniformResourceIdentifier?: string }[] | undefined): string[] {
  return (names ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => u !== undefined && /^https?:\/\//i.test(u));
}

/** Every step may throw on a corrupt certificate (even reading its public key): the caller wraps them all. */
function readCertificate(der: Uint8Array<ArrayBuffer>): Certificate {
  const native = new NativeCertificate(der);
  const asn = AsnConvert.parse(der, AsnCertificate);
  const tbs = asn.tbsCertificate;
  const publicKey = native.publicKey;
  const details = publicKey.asymmetricKeyDetails ?? {};
  const keyType = publicKey.asymmetricKeyType ?? 'unknown';
  const keyBits =
    keyType === 'rsa' || keyType === 'rsa-pss'
      ? (details.modulusLength ?? 0)
      : keyType === 'ec'
        ? curveBits(details.namedCurve)
        : 0;
  const extensions = tbs.extensions ?? [];
  const basic = extension(extensions, id_ce_basicConstraints, BasicConstraints);
  const usage = extension(extensions, id_ce_keyUsage, KeyUsage);
  const eku = extension(extensions, id_ce_extKeyUsage, ExtendedKeyUsage);
  const cdp = extension(extensions, id_ce_cRLDistributionPoints, CRLDistributionPoints);
  const aia = extension(extensions, id_pe_authorityInfoAccess, AuthorityInfoAccessSyntax);
  return {
    der,
    sha256: createHash('sha256').update(der).digest('base64'),
    subject: nameText(tbs.subject),
    issuer: nameText(tbs.issuer),
    serialNumber: serialHex(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    publicKey,
    keyType: keyType === 'rsa-pss' ? 'rsa' : keyType,
    keyBits,
    signatureDigest: signatureAlgorithmDigest(asn.signatureAlgorithm.algorithm, asn.signatureAlgorithm.parameters),
    isCa: basic?.value.cA === true,
    keyUsage: usage?.value.toNumber(),
    extendedKeyUsage: eku ? { purposes: eku.value.map(String), critical: eku.critical } : undefined,
    crlUrls: (cdp?.value ?? []).flatMap((dp) => httpUrls(dp.distributionPoint?.fullName)),
    ocspUrls: httpUrls((aia?.value ?? []).filter((a) => a.accessMethod === OID_AIA_OCSP).map((a) => a.accessLocation)),
    ocspNoCheck: extensions.some((e) => e.extnID === OID_OCSP_NOCHECK),
    publicKeyBits: new Uint8Array(tbs.subjectPublicKeyInfo.subjectPublicKey),
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
