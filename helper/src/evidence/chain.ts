// Builds a certification path from a signer up to a trust anchor, then validates its CA part at a given time. The
// anchors are the certificates a trusted list names; the other certificates (KeyInfo, the timestamp's SignedData)
// only help to bridge the gap and are never trusted on their own. Revocation is not checked: the trusted list is
// read offline and the sandbox PKI publishes no CRL or OCSP.
import { hasKeyUsage, isIssuedBy, KEY_USAGE, validAt, type Certificate } from './certificate.ts';

const MAX_PATH = 8;

export interface CertificationPath {
  /** Signer first, anchor last (a single element when the signer itself is listed). */
  path: Certificate[];
  anchor: Certificate;
}

export function buildPath(
  signer: Certificate,
  intermediates: readonly Certificate[],
  anchors: readonly Certificate[],
): CertificationPath | undefined {
  const path: Certificate[] = [signer];
  let current = signer;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    if (anchors.some((a) => a.sha256 === current.sha256)) return { path, anchor: current };
    // An anchor that issued the current certificate ends the path; otherwise climb through a helper certificate.
    const anchor = anchors.find((a) => isIssuedBy(current, a));
    if (anchor !== undefined) {
      path.push(anchor);
      return { path, anchor };
    }
    const next = intermediates.find(
      (c) => !path.some((p) => p.sha256 === c.sha256) && isIssuedBy(current, c),
    );
    if (next === undefined) return undefined;
    path.push(next);
    current = next;
  }
  return undefined;
}

export interface CaProblems {
  /** basicConstraints and keyCertSign violations. */
  constraints: string[];
  /** CA certificates outside their validity period at the time asked. */
  validity: string[];
}

export function caProblems(path: CertificationPath, time: Date): CaProblems {
  const problems: CaProblems = { constraints: [], validity: [] };
  for (const ca of path.path.slice(1)) {
    if (!ca.isCa) problems.constraints.push(`${ca.subject} is not a CA (basicConstraints)`);
    if (ca.keyUsage !== undefined && !hasKeyUsage(ca, KEY_USAGE.keyCertSign)) {
      problems.constraints.push(`${ca.subject} may not sign certificates (keyUsage)`);
    }
    const validity = validAt(ca, time);
    if (validity !== 'valid') problems.validity.push(`${ca.subject} is ${validity} at ${time.toISOString()}`);
  }
  return problems;
}
