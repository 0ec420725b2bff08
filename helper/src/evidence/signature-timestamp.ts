// The RFC 3161 signature timestamp of a XAdES B-T signature: its imprint must be the digest of the canonical
// ds:SignatureValue, its CMS signature must verify with the TSA certificate the token itself binds (ESS
// signing-certificate-v2), that certificate must carry the critical timeStamping key purpose, and it must chain to
// a timestamping service of the trusted list that was granted at the timestamp's time. The token is read with the
// helper's one token reader (cms/timestamp-token.ts) and its signature checked with Node's crypto.
import { createHash, verify as verifySignature } from 'node:crypto';
import { DIGEST_OIDS, digestAccepted, keyWeakness } from './algorithms.ts';
import { EKU_TIME_STAMPING, hasKeyUsage, KEY_USAGE, parseCertificate, validAt, CertificateError, type Certificate } from './certificate.ts';
import { buildPath, caProblems } from './chain.ts';
import { essCertIdsV2, octetsValue, oidValue, parseTimestampToken, TimestampTokenError } from '../cms/timestamp-token.ts';
import { isPositiveStatus, listedCertificates, periodAt, servicesOf, SERVICE_TYPES, TIMESTAMP_TYPES, type TrustedList } from './trusted-list.ts';

const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const RSA_OIDS = new Set(['1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13']);
const ECDSA_OIDS = new Set(['1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4', '1.2.840.10045.2.1']);

export interface TimestampVerdict {
  /** genTime, when the token could be read. */
  genTime: Date | undefined;
  /** Empty when the timestamp holds. */
  problems: string[];
  /** True when the problems include a refused algorithm or key (CRYPTO_CONSTRAINTS_FAILURE). */
  cryptoConstraint: boolean;
  tsa: Certificate | undefined;
  qualified: boolean;
}

/** Clock skew tolerated between the TSA and the validation time. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Verifies `token` as a timestamp over `imprintData`, judged against the trusted list at `validationTime`. */
export function verifySignatureTimestamp(
  token: Uint8Array,
  imprintData: Uint8Array,
  list: TrustedList,
  validationTime: Date,
): TimestampVerdict {
  const verdict: TimestampVerdict = { genTime: undefined, problems: [], cryptoConstraint: false, tsa: undefined, qualified: false };
  const refuse = (problem: string, crypto = false): TimestampVerdict => {
    verdict.problems.push(problem);
    verdict.cryptoConstraint ||= crypto;
    return verdict;
  };
  let tsa: Certificate | undefined;
  const candidates: Certificate[] = [];
  let genTime: Date;
  try {
    const parsed = parseTimestampToken(token);
    genTime = verdict.genTime = parsed.tstInfo.genTime;
    if (genTime.getTime() > validationTime.getTime() + FUTURE_TOLERANCE_MS) {
      return refuse(`the timestamp's time ${genTime.toISOString()} is after the validation time`);
    }

    const imprintDigest = DIGEST_OIDS[parsed.tstInfo.imprintOid];
    if (imprintDigest === undefined) return refuse('unknown imprint digest algorithm');
    if (!digestAccepted(imprintDigest)) return refuse(`imprint digest ${imprintDigest} is refused`, true);
    if (!createHash(imprintDigest).update(imprintData).digest().equals(parsed.tstInfo.imprint)) {
      return refuse('the timestamp does not cover this signature value (imprint mismatch)');
    }

    const signerDigest = DIGEST_OIDS[parsed.digestOid];
    if (signerDigest === undefined) return refuse('unknown digest algorithm in the token signature');
    if (!digestAccepted(signerDigest)) return refuse(`token signed with ${signerDigest}, refused`, true);
    if (oidValue(parsed.attributes.get(OID_CONTENT_TYPE), 'a content-type attribute') !== OID_TST_INFO) return refuse('content-type attribute is not TSTInfo');
    const messageDigest = octetsValue(parsed.attributes.get(OID_MESSAGE_DIGEST), 'a message-digest attribute');
    if (!createHash(signerDigest).update(parsed.eContent).digest().equals(messageDigest)) {
      return refuse('the token signature does not cover its TSTInfo (message-digest mismatch)');
    }
    for (const der of parsed.certificates) candidates.push(parseCertificate(der));
    const hashes = essCertIdsV2(parsed.attributes.get(OID_SIGNING_CERTIFICATE_V2)).map((id) => ({ digest: DIGEST_OIDS[id.digestOid], hash: id.hash }));
    tsa = candidates.find((c) =>
      hashes.some((h) => h.digest !== undefined && createHash(h.digest).update(c.der).digest().equals(h.hash)),
    );
    if (tsa === undefined) return refuse('the TSA certificate named by signing-certificate-v2 is not in the token');
    verdict.tsa = tsa;
    const keyType = RSA_OIDS.has(parsed.signatureOid) ? 'rsa' : ECDSA_OIDS.has(parsed.signatureOid) ? 'ec' : undefined;
    if (keyType === undefined || keyType !== tsa.keyType) return refuse(`unsupported token signature algorithm ${parsed.signatureOid}`);
    if (!verifySignature(signerDigest, parsed.signedAttrs, tsa.publicKey, parsed.signature)) {
      return refuse('the token signature does not verify with the TSA certificate');
    }
  } catch (error) {
    if (error instanceof TimestampTokenError || error instanceof CertificateError) return refuse(`unreadable timestamp token: ${error.message}`);
    throw error;
  }

  const weakness = keyWeakness({ type: tsa.keyType, bits: tsa.keyBits });
  if (weakness !== undefined) return refuse(`TSA ${weakness}`, true);
  const eku = tsa.extendedKeyUsage;
  if (eku === undefined || !eku.critical || eku.purposes.length !== 1 || eku.purposes[0] !== EKU_TIME_STAMPING) {
    return refuse('the TSA certificate lacks the sole, critical timeStamping extended key usage (RFC 3161 2.3)');
  }
  if (tsa.keyUsage !== undefined && !hasKeyUsage(tsa, KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation)) {
    return refuse('the TSA certificate key usage does not allow signing');
  }
  if (validAt(tsa, genTime) !== 'valid') return refuse(`the TSA certificate is ${validAt(tsa, genTime)} at ${genTime.toISOString()}`);
  // Whether the list itself is trusted is the TRUSTED_LIST check's verdict; here it only says where the TSA chains.
  const path = buildPath(tsa, candidates, listedCertificates(list));
  if (path === undefined) return refuse('the TSA certificate does not chain to the trusted list');
  const problems = caProblems(path, genTime);
  if (problems.constraints.length + problems.validity.length > 0) {
    return refuse(`TSA chain: ${[...problems.constraints, ...problems.validity].join('; ')}`);
  }
  const weakCa = path.path.find((c) => c.signatureDigest === undefined || !digestAccepted(c.signatureDigest));
  if (weakCa !== undefined) return refuse(`TSA chain certificate ${weakCa.subject} signed with a refused digest`, true);
  const granted = servicesOf(list, path.anchor)
    .map((s) => periodAt(s, genTime))
    .filter((p) => p !== undefined && TIMESTAMP_TYPES.has(p.type) && isPositiveStatus(p.status));
  if (granted.length === 0) return refuse('the trusted list does not list this TSA as a granted timestamping service at genTime');
  verdict.qualified = granted.some((p) => p!.type === SERVICE_TYPES.qualifiedTimestamp);
  return verdict;
}
