// Judges a detached CAdES signature for verify-bundle. The cryptography is the helper's one CMS verifier
// (helper/src/cms/verifier.ts: digest, signature, signing-certificate binding, signature timestamp and its TSA);
// this adds what a bundle verdict needs on top: detached only, CAdES-B-T when required, certificates valid at the
// signing time, and, when the auditor pins certificates, a chain from the signer to one of them.
import { createHash, X509Certificate } from 'node:crypto';
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

export async function verifyDetachedCades(der: Uint8Array, content: Uint8Array, options: CadesOptions = {}): Promise<CadesResult> {
  let v: CmsVerification;
  try {
    v = verifyCms(der, content);
  } catch (err) {
    return { valid: false, problems: [(err as Error).message] };
  }
  const problems: string[] = [];
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
  if (options.trusted && options.trusted.length > 0) {
    const pins = options.trusted.map((d) => new X509Certificate(d));
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
