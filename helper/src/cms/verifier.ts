// Verifies CMS SignedData natively: finds the signer's certificate, checks content-type and message-digest
// attributes, the signing-certificate(-v2) binding, and the signature over the DER signed attributes with
// node:crypto. Trust (chains to anchors, revocation) is the caller's job: this proves integrity and who signed.
import { createHash, verify as nodeVerify, X509Certificate, constants } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, hashNameOf, type HashName } from './oids.ts';
import { toArrayBuffer } from './asn1.ts';
import { readTstInfo } from './timestamp-token.ts';

export interface CmsVerification {
  signerCertificate: X509Certificate;
  certificates: X509Certificate[];
  contentType: string;
  /** The signed content: the detached content given, or the encapsulated eContent. */
  content: Buffer;
  signatureValue: Buffer;
  /** The signature-time-stamp (CAdES-B-T), checked to cover this signature value. */
  timestamp?: TimestampInfo;
}

export interface TimestampInfo {
  genTime: Date;
  hashAlgorithm: HashName;
  imprint: Buffer;
  nonce?: Buffer;
  serialNumber: Buffer;
  tsaCertificate: X509Certificate;
}

export class CmsVerificationError extends Error {
  override name = 'CmsVerificationError';
}

function fail(message: string): never {
  throw new CmsVerificationError(message);
}

/** Verifies a CMS signature; throws CmsVerificationError saying exactly which check failed. */
export function verifyCms(der: Uint8Array, detachedContent?: Uint8Array): CmsVerification {
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
    if (info.contentType !== OID.signedData) fail(`not CMS SignedData (content type ${info.contentType})`);
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    if (err instanceof CmsVerificationError) throw err;
    fail(`not a readable CMS structure (${(err as Error).message})`);
  }
  if (signed.signerInfos.length !== 1) fail(`expected exactly one signer, found ${signed.signerInfos.length}`);
  const si = signed.signerInfos[0]!;
  const certificates = (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema(true).toBER(false))));
  const pkCerts = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (!(si.sid instanceof pkijs.IssuerAndSerialNumber)) fail('signer identified by key id: not supported');
  const sid = si.sid;
  const index = pkCerts.findIndex((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  if (index < 0) fail('the signer certificate is not in the CMS');
  const signerCertificate = certificates[index]!;
  const eContentType = signed.encapContentInfo.eContentType;
  const eContent = signed.encapContentInfo.eContent;
  let content: Buffer;
  if (detachedContent) {
    if (eContent) fail('the CMS encapsulates content but detached content was given');
    content = Buffer.from(detachedContent);
  } else {
    if (!eContent) fail('detached CMS: the signed content is needed to verify it');
    content = Buffer.from(eContent.getValue());
  }
  const hash = hashNameOf(si.digestAlgorithm.algorithmId);
  if (hash === 'sha1') fail('SHA-1 digests are refused');
  const attrs = si.signedAttrs?.attributes;
  if (!attrs) fail('no signed attributes');
  const attr = (type: string) => {
    const found = attrs.filter((a) => a.type === type);
    if (found.length > 1) fail(`signed attribute ${type} appears twice`);
    return found[0];
  };
  const ct = attr(OID.contentType);
  if (!ct || (ct.values[0] as asn1js.ObjectIdentifier).valueBlock.toString() !== eContentType) fail('content-type attribute missing or different from the content type');
  const md = attr(OID.messageDigest);
  if (!md) fail('message-digest attribute missing');
  const digest = Buffer.from((md.values[0] as asn1js.OctetString).valueBlock.valueHexView);
  if (!digest.equals(createHash(hash).update(content).digest())) fail('message digest does not match the content: the content was altered');
  checkSigningCertificateBinding(attr(OID.signingCertificateV2), attr(OID.signingCertificate), signerCertificate);
  const signedAttrsDer = Buffer.from(si.signedAttrs!.encodedValue);
  signedAttrsDer[0] = 0x31; // signatures cover the SET OF, not the [0] IMPLICIT tag
  const signatureValue = Buffer.from(si.signature.valueBlock.valueHexView);
  if (!verifySignature(si.signatureAlgorithm, hash, signedAttrsDer, signatureValue, signerCertificate)) fail('the signature value is invalid');
  const result: CmsVerification = { signerCertificate, certificates, contentType: eContentType, content, signatureValue };
  const tst = si.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken);
  if (tst) {
    const token = Buffer.from(tst.values[0]!.toBER(false));
    const info = readTimestampToken(token);
    if (!info.imprint.equals(createHash(info.hashAlgorithm).update(signatureValue).digest())) fail('the signature time-stamp does not cover this signature');
    result.timestamp = info;
  }
  return result;
}

function checkSigningCertificateBinding(v2: pkijs.Attribute | undefined, v1: pkijs.Attribute | undefined, cert: X509Certificate): void {
  const attribute = v2 ?? v1;
  if (!attribute) fail('signing-certificate(-v2) attribute missing: the signer certificate is not bound to the signature');
  const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const first = certs.valueBlock.value[0] as asn1js.Sequence;
  const fields = first.valueBlock.value;
  let hash: HashName = v2 ? 'sha256' : 'sha1';
  let certHash: asn1js.OctetString;
  if (fields[0] instanceof asn1js.Sequence) {
    hash = hashNameOf((fields[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString());
    certHash = fields[1] as asn1js.OctetString;
  } else {
    certHash = fields[0] as asn1js.OctetString;
  }
  if (!Buffer.from(certHash.valueBlock.valueHexView).equals(createHash(hash).update(cert.raw).digest())) {
    fail('the signing-certificate attribute names another certificate');
  }
}

function verifySignature(alg: pkijs.AlgorithmIdentifier, digest: HashName, data: Buffer, signature: Buffer, cert: X509Certificate): boolean {
  const key = cert.publicKey;
  switch (alg.algorithmId) {
    case OID.ecdsaWithSha256:
      return nodeVerify('sha256', data, { key, dsaEncoding: 'der' }, signature);
    case OID.ecdsaWithSha384:
      return nodeVerify('sha384', data, { key, dsaEncoding: 'der' }, signature);
    case OID.ecdsaWithSha512:
      return nodeVerify('sha512', data, { key, dsaEncoding: 'der' }, signature);
    case OID.sha256WithRSA:
      return nodeVerify('sha256', data, key, signature);
    case OID.sha384WithRSA:
      return nodeVerify('sha384', data, key, signature);
    case OID.sha512WithRSA:
      return nodeVerify('sha512', data, key, signature);
    case OID.rsaEncryption:
      return nodeVerify(digest, data, key, signature);
    case OID.rsassaPss: {
      const params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      const h = hashNameOf(params.hashAlgorithm.algorithmId);
      return nodeVerify(h, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
    }
    default:
      return fail(`unsupported signature algorithm ${alg.algorithmId}`);
  }
}

/** Reads and verifies an RFC 3161 TimeStampToken: its CMS signature, TSTInfo, and the TSA's timeStamping EKU. */
export function readTimestampToken(token: Uint8Array): TimestampInfo {
  const v = verifyCms(token);
  if (v.contentType !== OID.tstInfo) fail(`a time-stamp token must carry a TSTInfo, not ${v.contentType}`);
  let tst: ReturnType<typeof readTstInfo>;
  try {
    tst = readTstInfo(v.content);
  } catch (err) {
    fail((err as Error).message);
  }
  // RFC 3161 2.3: the TSA certificate carries exactly one extended key usage, timeStamping, marked critical.
  const ekuExtension = pkijs.Certificate.fromBER(toArrayBuffer(v.signerCertificate.raw)).extensions?.find((e) => e.extnID === '2.5.29.37');
  if (!ekuExtension?.critical || v.signerCertificate.keyUsage?.join() !== OID.timeStamping) {
    fail('the time-stamp signer is not a TSA (its certificate lacks the critical timeStamping extended key usage)');
  }
  return {
    genTime: tst.genTime,
    hashAlgorithm: hashNameOf(tst.imprintOid),
    imprint: tst.imprint,
    nonce: tst.nonce,
    serialNumber: tst.serialNumber,
    tsaCertificate: v.signerCertificate,
  };
}
