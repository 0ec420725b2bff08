// The RFC 3161 signature timestamp of a XAdES B-T signature: its imprint must be the digest of the canonical
// ds:SignatureValue, its CMS signature must verify with the TSA certificate the token itself binds (ESS
// signing-certificate-v2), that certificate must carry the critical timeStamping key purpose, and it must chain to
// a timestamping service of the trusted list that was granted at the timestamp's time. The token is read with the
// strict DER reader (der.ts) and its signature checked with Node's crypto.
import { createHash, verify as verifySignature } from 'node:crypto';
import { DIGEST_OIDS, digestAccepted, keyWeakness, type DigestName } from './algorithms.ts';
import { EKU_TIME_STAMPING, hasKeyUsage, KEY_USAGE, parseCertificate, validAt, CertificateError, type Certificate } from './certificate.ts';
import { buildPath, caProblems } from './chain.ts';
import { algorithmOf, childrenOf, DerError, expect, generalizedTimeOf, octetsOf, oidOf, parseDer, TAG, type DerNode } from './der.ts';
import { isPositiveStatus, listedCertificates, periodAt, servicesOf, SERVICE_TYPES, TIMESTAMP_TYPES, type TrustedList } from './trusted-list.ts';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
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

interface ParsedToken {
  certificates: Uint8Array[];
  digestOid: string;
  signatureOid: string;
  /** The signed attributes re-tagged as a SET (0x31): the bytes the signature covers. */
  signedAttrs: Uint8Array;
  attributes: Map<string, DerNode>;
  signature: Uint8Array;
  eContent: Uint8Array;
  imprintOid: string;
  imprint: Uint8Array;
  genTime: Date;
}

function parseToken(token: Uint8Array): ParsedToken {
  const contentInfo = childrenOf(expect(parseDer(token), TAG.sequence, 'a ContentInfo'));
  if (oidOf(contentInfo[0]) !== OID_SIGNED_DATA) throw new DerError('the timestamp token is not CMS SignedData');
  const [signedData] = childrenOf(expect(contentInfo[1], TAG.context0, 'the SignedData content'));
  const fields = childrenOf(expect(signedData, TAG.sequence, 'a SignedData'));
  const encap = childrenOf(expect(fields[2], TAG.sequence, 'an EncapsulatedContentInfo'));
  if (oidOf(encap[0]) !== OID_TST_INFO) throw new DerError('the token does not hold a TSTInfo');
  const [eContentNode] = childrenOf(expect(encap[1], TAG.context0, 'the TSTInfo content'));
  const eContent = octetsOf(eContentNode, 'the TSTInfo OCTET STRING');
  let index = 3;
  const certificates: Uint8Array[] = [];
  if (fields[index]?.tag === TAG.context0) certificates.push(...childrenOf(fields[index++]!).filter((c) => c.tag === TAG.sequence).map((c) => c.raw));
  if (fields[index]?.tag === TAG.context1) index++;
  const signerInfos = childrenOf(expect(fields[index], TAG.set, 'the SignerInfos'));
  if (signerInfos.length !== 1) throw new DerError('the token must have exactly one signer');
  const signer = childrenOf(expect(signerInfos[0], TAG.sequence, 'a SignerInfo'));
  const signedAttrsNode = expect(signer[3], TAG.context0, 'signed attributes');
  const attributes = new Map<string, DerNode>();
  for (const attr of childrenOf(signedAttrsNode)) {
    const [type, values] = childrenOf(expect(attr, TAG.sequence, 'an Attribute'));
    const list = childrenOf(expect(values, TAG.set, 'Attribute values'));
    const oid = oidOf(type);
    if (list.length !== 1 || attributes.has(oid)) throw new DerError(`signed attribute ${oid} must occur once with one value`);
    attributes.set(oid, list[0]!);
  }
  const signedAttrs = new Uint8Array(signedAttrsNode.raw);
  signedAttrs[0] = TAG.set;

  const tst = childrenOf(expect(parseDer(eContent), TAG.sequence, 'a TSTInfo'));
  const imprint = childrenOf(expect(tst[2], TAG.sequence, 'a MessageImprint'));
  return {
    certificates,
    digestOid: algorithmOf(signer[2]),
    signatureOid: algorithmOf(signer[4]),
    signedAttrs,
    attributes,
    signature: expect(signer[5], TAG.octetString, 'the signature').content,
    eContent,
    imprintOid: algorithmOf(imprint[0]),
    imprint: expect(imprint[1], TAG.octetString, 'the hashed message').content,
    genTime: generalizedTimeOf(tst[4]),
  };
}

/** ESSCertIDv2 hashes of the signing-certificate-v2 attribute (RFC 5035), with their digest. */
function essCertHashes(value: DerNode | undefined): { digest: DigestName | undefined; hash: Uint8Array }[] {
  if (value === undefined) throw new DerError('the token has no ESS signing-certificate-v2 attribute');
  const [certs] = childrenOf(expect(value, TAG.sequence, 'a SigningCertificateV2'));
  return childrenOf(expect(certs, TAG.sequence, 'ESSCertIDv2 list')).map((id) => {
    const parts = childrenOf(expect(id, TAG.sequence, 'an ESSCertIDv2'));
    const hasAlgorithm = parts[0]?.tag === TAG.sequence;
    const oid = hasAlgorithm ? algorithmOf(parts[0]) : OID_SHA256;
    return { digest: DIGEST_OIDS[oid], hash: expect(parts[hasAlgorithm ? 1 : 0], TAG.octetString, 'an ESSCertIDv2 certHash').content };
  });
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
    const parsed = parseToken(token);
    genTime = verdict.genTime = parsed.genTime;
    if (genTime.getTime() > validationTime.getTime() + FUTURE_TOLERANCE_MS) {
      return refuse(`the timestamp's time ${genTime.toISOString()} is after the validation time`);
    }

    const imprintDigest = DIGEST_OIDS[parsed.imprintOid];
    if (imprintDigest === undefined) return refuse('unknown imprint digest algorithm');
    if (!digestAccepted(imprintDigest)) return refuse(`imprint digest ${imprintDigest} is refused`, true);
    if (!createHash(imprintDigest).update(imprintData).digest().equals(parsed.imprint)) {
      return refuse('the timestamp does not cover this signature value (imprint mismatch)');
    }

    const signerDigest = DIGEST_OIDS[parsed.digestOid];
    if (signerDigest === undefined) return refuse('unknown digest algorithm in the token signature');
    if (!digestAccepted(signerDigest)) return refuse(`token signed with ${signerDigest}, refused`, true);
    if (oidOf(parsed.attributes.get(OID_CONTENT_TYPE)) !== OID_TST_INFO) return refuse('content-type attribute is not TSTInfo');
    const messageDigest = expect(parsed.attributes.get(OID_MESSAGE_DIGEST), TAG.octetString, 'a message-digest attribute').content;
    if (!createHash(signerDigest).update(parsed.eContent).digest().equals(messageDigest)) {
      return refuse('the token signature does not cover its TSTInfo (message-digest mismatch)');
    }
    for (const der of parsed.certificates) candidates.push(parseCertificate(der));
    const hashes = essCertHashes(parsed.attributes.get(OID_SIGNING_CERTIFICATE_V2));
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
    if (error instanceof DerError || error instanceof CertificateError) return refuse(`unreadable timestamp token: ${error.message}`);
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
