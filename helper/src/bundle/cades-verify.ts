// Judges a detached CAdES signature for verify-bundle. The cryptography is the helper's one CMS verifier
// (helper/src/cms/verifier.ts: digest, signature, signing-certificate binding, signature timestamp and its TSA);
// this adds what a bundle verdict needs on top: detached only, CAdES-B-T when required, certificates valid at the
// signing time, and, when the auditor pins certificates, a chain from the signer to one of them. Because a bundle
// must fail on any altered byte, the CMS must also be strict DER (BER leniency would forgive altered lengths) and
// every certificate it carries, even one no check needs, must verify against its issuer.
import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../cms/asn1.ts';
import { OID } from '../cms/oids.ts';
import { verifyCms, type CmsVerification } from '../cms/verifier.ts';

export interface CadesSigner {
  /** The subject DN on one line. */
  subject: string;
  /** SHA-256 of the certificate DER, lowercase hex. */
  sha256Fingerprint: string;
  certificate: Uint8Array;
}

export interface CadesResult {
  /** True when nothing is in `problems`. */
  valid: boolean;
  problems: string[];
  signer?: CadesSigner;
  /** Undefined when nothing was pinned; otherwise whether the signer is, or chains to, a pinned certificate. */
  pinned?: boolean;
  timestamp?: { genTime: Date; tsaSubject: string };
}

export interface CadesOptions {
  /** DER certificates the signer must be, or chain to. */
  trusted?: Uint8Array[];
  /** Require a signature timestamp (CAdES-B-T). */
  requireTimestamp?: boolean;
}

const oneLine = (dn: string) => dn.replace(/\n/g, ', ');

function validAt(cert: X509Certificate, at: Date): boolean {
  return at >= cert.validFromDate && at <= cert.validToDate;
}

/** Follows issuer links from `leaf` through `pool` to a pinned certificate; each link's signature must verify. */
function chainsToPinned(leaf: X509Certificate, pool: X509Certificate[], pinned: X509Certificate[], at: Date, problems: string[]): boolean {
  const isPinned = (c: X509Certificate) => pinned.some((p) => p.raw.equals(c.raw));
  let cert = leaf;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(cert, at)) {
      problems.push(`certificate "${oneLine(cert.subject)}" was not valid on ${at.toISOString()}`);
      return false;
    }
    if (isPinned(cert)) return true;
    const issuer = [...pinned, ...pool].find((c) => !c.raw.equals(cert.raw) && cert.checkIssued(c) && cert.verify(c.publicKey));
    if (!issuer) return false;
    cert = issuer;
  }
  return false;
}

/** The CMS must re-encode to exactly its own bytes: one DER structure, no slack in lengths or tags. */
function strictDerProblem(der: Uint8Array): string | undefined {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(toArrayBuffer(der));
  } catch (err) {
    // asn1js throws on some malformed contents (an impossible date...) instead of reporting them.
    return `the signature is not valid DER (${(err as Error).message})`;
  }
  if (parsed.offset !== der.byteLength || parsed.result.error) return 'the signature is not a single DER structure (altered bytes)';
  if (!Buffer.from(parsed.result.toBER(false)).equals(Buffer.from(der))) return 'the signature is not DER-encoded (altered lengths or tags)';
  return undefined;
}

const certificatesOf = (sd: pkijs.SignedData) => (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
const derOf = (c: pkijs.Certificate) => Buffer.from(c.toSchema().toBER(false));

/**
 * Fields the cryptographic checks do not read, held to their only correct values so that changing them is
 * noticed: the SignedData and SignerInfo versions (RFC 5652 5.1, 5.3), digestAlgorithms naming exactly the
 * signer's digest, and the signer identifier's issuer byte-identical to the certificate's (a name compared by
 * meaning would forgive a changed string type).
 */
function signedDataProblems(sd: pkijs.SignedData, what: string, expectedVersion: number): string[] {
  const problems: string[] = [];
  const si = sd.signerInfos[0];
  if (!si) return [`${what}: no signer`];
  if (sd.version !== expectedVersion) problems.push(`${what}: SignedData version ${sd.version}, expected ${expectedVersion}`);
  if (si.version !== 1) problems.push(`${what}: SignerInfo version ${si.version}, expected 1`);
  const digest = Buffer.from(si.digestAlgorithm.toSchema().toBER(false));
  if (sd.digestAlgorithms.length !== 1 || !Buffer.from(sd.digestAlgorithms[0]!.toSchema().toBER(false)).equals(digest)) {
    problems.push(`${what}: digestAlgorithms does not name exactly the signer's digest algorithm`);
  }
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    const signer = certificatesOf(sd).find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
    if (signer && !Buffer.from(signer.issuer.valueBeforeDecode).equals(Buffer.from(sid.issuer.valueBeforeDecode))) {
      problems.push(`${what}: the signer identifier's issuer is not byte-identical to the certificate's`);
    }
  }
  return problems;
}

/** Reads the CMS and its signature timestamp: their carried certificates and structural problems. */
function inspectStructure(der: Uint8Array): { certificates: X509Certificate[]; problems: string[] } {
  const sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(toArrayBuffer(der)).content });
  const certificates = certificatesOf(sd).map((c) => new X509Certificate(derOf(c)));
  const problems = signedDataProblems(sd, 'signature', 1);
  for (const si of sd.signerInfos) {
    for (const attr of si.unsignedAttrs?.attributes ?? []) {
      if (attr.type !== OID.signatureTimeStampToken) continue;
      for (const value of attr.values) {
        const tst = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(value.toBER(false)).content });
        certificates.push(...certificatesOf(tst).map((c) => new X509Certificate(derOf(c))));
        problems.push(...signedDataProblems(tst, 'signature timestamp', 3));
      }
    }
  }
  return { certificates, problems };
}

/** Every carried certificate must verify against an issuer carried or pinned (or itself, for a root). */
function unverifiableCertificates(certs: X509Certificate[], pinned: X509Certificate[], bound: X509Certificate[]): string[] {
  const pool = [...certs, ...pinned];
  return certs
    .filter((c) => !bound.some((b) => b.raw.equals(c.raw)))
    .filter((c) => !pool.some((issuer) => c.checkIssued(issuer) && c.verify(issuer.publicKey)))
    .map((c) => `certificate "${oneLine(c.subject)}" in the signature does not verify against any issuer (altered, or its issuer is missing)`);
}

export async function verifyDetachedCades(der: Uint8Array, content: Uint8Array, options: CadesOptions = {}): Promise<CadesResult> {
  const derProblem = strictDerProblem(der);
  if (derProblem) return { valid: false, problems: [derProblem] };
  let v: CmsVerification;
  try {
    v = verifyCms(der, content);
  } catch (err) {
    return { valid: false, problems: [(err as Error).message] };
  }
  const pins = (options.trusted ?? []).map((d) => new X509Certificate(d));
  // The signer's and the TSA's certificates are bound by hash in signed attributes: verifyCms checked them.
  const bound = [v.signerCertificate, ...(v.timestamp ? [v.timestamp.tsaCertificate] : [])];
  let problems: string[];
  try {
    const inspected = inspectStructure(der);
    problems = [...inspected.problems, ...unverifiableCertificates(inspected.certificates, pins, bound)];
  } catch (err) {
    problems = [`a certificate in the signature is unreadable (${(err as Error).message})`];
  }
  const cert = v.signerCertificate;
  const signer: CadesSigner = {
    subject: oneLine(cert.subject),
    sha256Fingerprint: createHash('sha256').update(cert.raw).digest('hex'),
    certificate: cert.raw,
  };
  if (options.requireTimestamp && !v.timestamp) problems.push('no signature timestamp: CAdES-B-B, not the required CAdES-B-T');
  const at = v.timestamp?.genTime ?? new Date();
  if (v.timestamp && !validAt(v.timestamp.tsaCertificate, at)) problems.push('the TSA certificate was not valid at the timestamp time');
  let pinned: boolean | undefined;
  if (pins.length > 0) {
    pinned = chainsToPinned(cert, v.certificates, pins, at, problems);
    if (!pinned) problems.push(`signer "${signer.subject}" is not the pinned certificate and does not chain to it`);
  } else if (!validAt(cert, at)) {
    problems.push(`signer certificate was not valid on ${at.toISOString()}`);
  }
  return {
    valid: problems.length === 0,
    problems,
    signer,
    ...(pinned === undefined ? {} : { pinned }),
    ...(v.timestamp ? { timestamp: { genTime: v.timestamp.genTime, tsaSubject: oneLine(v.timestamp.tsaCertificate.subject) } } : {}),
  };
}
