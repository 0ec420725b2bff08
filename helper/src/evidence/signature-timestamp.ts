// The RFC 3161 signature timestamp of a XAdES B-T signature: its imprint must be the digest of the canonical
// ds:SignatureValue, its CMS signature must verify with the TSA certificate the token itself binds (ESS
// signing-certificate-v2), that certificate must carry the critical timeStamping key purpose, and it must chain to
// a timestamping service of the trusted list that was granted at the timestamp's time. pkijs parses the token;
// the signature is checked with Node's crypto (pkijs's SignedData.verify neither checks the EKU nor the chain).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, verify as verifySignature } from 'node:crypto';
import { DIGEST_OIDS, digestAccepted, keyWeakness, type DigestName } from './algorithms.ts';
import { EKU_TIME_STAMPING, hasKeyUsage, KEY_USAGE, parseCertificate, validAt, type Certificate } from './certificate.ts';
import { buildPath, caProblems } from './chain.ts';
import { anchorCertificates, isPositiveStatus, periodAt, servicesOf, SERVICE_TYPES, TIMESTAMP_TYPES, type TrustedList } from './trusted-list.ts';

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

class TokenError extends Error {}

function attributeValue(info: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined {
  const attr = info.signedAttrs?.attributes.find((a) => a.type === oid);
  if (attr !== undefined && attr.values.length !== 1) throw new TokenError(`signed attribute ${oid} must have one value`);
  return attr?.values[0];
}

function octets(value: asn1js.AsnType | undefined, what: string): Buffer {
  if (!(value instanceof asn1js.OctetString)) throw new TokenError(`${what} is not an OCTET STRING`);
  return Buffer.from(value.valueBlock.valueHexView);
}

/** ESSCertIDv2 hashes of the signing-certificate-v2 attribute (RFC 5035), with their digest. */
function essCertHashes(value: asn1js.AsnType | undefined): { digest: DigestName | undefined; hash: Buffer }[] {
  if (!(value instanceof asn1js.Sequence)) throw new TokenError('the token has no ESS signing-certificate-v2 attribute');
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) throw new TokenError('malformed signing-certificate-v2');
  return certs.valueBlock.value.map((id) => {
    if (!(id instanceof asn1js.Sequence)) throw new TokenError('malformed ESSCertIDv2');
    const parts = id.valueBlock.value;
    let oid = OID_SHA256;
    let index = 0;
    if (parts[0] instanceof asn1js.Sequence) {
      const alg = parts[0].valueBlock.value[0];
      if (!(alg instanceof asn1js.ObjectIdentifier)) throw new TokenError('malformed ESSCertIDv2 hashAlgorithm');
      oid = alg.valueBlock.toString();
      index = 1;
    }
    return { digest: DIGEST_OIDS[oid], hash: octets(parts[index], 'ESSCertIDv2 certHash') };
  });
}

interface ParsedToken {
  signedData: pkijs.SignedData;
  signer: pkijs.SignerInfo;
  tstInfo: pkijs.TSTInfo;
  eContent: Buffer;
}

function parseToken(token: Uint8Array): ParsedToken {
  const asn = asn1js.fromBER(token);
  if (asn.offset === -1) throw new TokenError('the timestamp token is not DER');
  const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
  if (contentInfo.contentType !== OID_SIGNED_DATA) throw new TokenError('the timestamp token is not CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  if (signedData.encapContentInfo.eContentType !== OID_TST_INFO) throw new TokenError('the token does not hold a TSTInfo');
  const eContentOctets = signedData.encapContentInfo.eContent;
  if (eContentOctets === undefined) throw new TokenError('the token has no TSTInfo content');
  const eContent = Buffer.from(eContentOctets.getValue());
  const tstAsn = asn1js.fromBER(eContent);
  if (tstAsn.offset === -1) throw new TokenError('TSTInfo is not DER');
  const tstInfo = new pkijs.TSTInfo({ schema: tstAsn.result });
  if (signedData.signerInfos.length !== 1) throw new TokenError('the token must have exactly one signer');
  return { signedData, signer: signedData.signerInfos[0]!, tstInfo, eContent };
}

/** Verifies `token` as a timestamp over `imprintData`, judged against the trusted list. */
export function verifySignatureTimestamp(token: Uint8Array, imprintData: Uint8Array, list: TrustedList): TimestampVerdict {
  const verdict: TimestampVerdict = { genTime: undefined, problems: [], cryptoConstraint: false, tsa: undefined, qualified: false };
  const refuse = (problem: string, crypto = false): TimestampVerdict => {
    verdict.problems.push(problem);
    verdict.cryptoConstraint ||= crypto;
    return verdict;
  };
  let parsed: ParsedToken;
  try {
    parsed = parseToken(token);
  } catch (error) {
    return refuse(`unreadable timestamp token: ${(error as Error).message}`);
  }
  const { signedData, signer, tstInfo, eContent } = parsed;
  verdict.genTime = tstInfo.genTime;

  const imprintDigest = DIGEST_OIDS[tstInfo.messageImprint.hashAlgorithm.algorithmId];
  if (imprintDigest === undefined) return refuse('unknown imprint digest algorithm');
  if (!digestAccepted(imprintDigest)) return refuse(`imprint digest ${imprintDigest} is refused`, true);
  const expected = createHash(imprintDigest).update(imprintData).digest();
  if (!expected.equals(Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView))) {
    return refuse('the timestamp does not cover this signature value (imprint mismatch)');
  }

  let tsa: Certificate | undefined;
  const candidates: Certificate[] = [];
  try {
    const signerDigest = DIGEST_OIDS[signer.digestAlgorithm.algorithmId];
    if (signerDigest === undefined) return refuse('unknown digest algorithm in the token signature');
    if (!digestAccepted(signerDigest)) return refuse(`token signed with ${signerDigest}, refused`, true);
    const contentType = attributeValue(signer, OID_CONTENT_TYPE);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID_TST_INFO) {
      throw new TokenError('content-type attribute is not TSTInfo');
    }
    const messageDigest = octets(attributeValue(signer, OID_MESSAGE_DIGEST), 'message-digest attribute');
    if (!createHash(signerDigest).update(eContent).digest().equals(messageDigest)) {
      return refuse('the token signature does not cover its TSTInfo (message-digest mismatch)');
    }
    for (const c of signedData.certificates ?? []) {
      if (c instanceof pkijs.Certificate) candidates.push(parseCertificate(new Uint8Array(c.toSchema().toBER())));
    }
    const hashes = essCertHashes(attributeValue(signer, OID_SIGNING_CERTIFICATE_V2));
    tsa = candidates.find((c) =>
      hashes.some((h) => h.digest !== undefined && createHash(h.digest).update(c.der).digest().equals(h.hash)),
    );
    if (tsa === undefined) return refuse('the TSA certificate named by signing-certificate-v2 is not in the token');
    verdict.tsa = tsa;
    const algorithm = signer.signatureAlgorithm.algorithmId;
    const keyType = RSA_OIDS.has(algorithm) ? 'rsa' : ECDSA_OIDS.has(algorithm) ? 'ec' : undefined;
    if (keyType === undefined || keyType !== tsa.keyType) return refuse(`unsupported token signature algorithm ${algorithm}`);
    const signedAttrs = Buffer.from(signer.signedAttrs!.encodedValue);
    const ok = verifySignature(signerDigest, signedAttrs, tsa.publicKey, Buffer.from(signer.signature.valueBlock.valueHexView));
    if (!ok) return refuse('the token signature does not verify with the TSA certificate');
  } catch (error) {
    if (error instanceof TokenError) return refuse(error.message);
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
  const genTime = tstInfo.genTime;
  if (validAt(tsa, genTime) !== 'valid') return refuse(`the TSA certificate is ${validAt(tsa, genTime)} at ${genTime.toISOString()}`);
  const path = buildPath(tsa, candidates, anchorCertificates(list));
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
