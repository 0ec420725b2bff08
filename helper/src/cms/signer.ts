// CMS SignedData signer (RFC 5652) producing CAdES baseline signatures (ETSI EN 319 122-1): signed attributes
// content-type, message-digest, signing-certificate-v2 and exactly one signing-time (EN 319 122-1 5.2.1 requires
// it for CAdES-B-B); a PAdES signature asks for none (EN 319 142-1 5.3 forbids it: the time is the dictionary's /M).
// The RFC 3161 signature-time-stamp makes it CAdES-B-T when a TSA is configured. Signing is native (node:crypto,
// ECDSA DER-encoded as CMS wants it); no JavaScript big-number crypto.
import { createHash, sign as nodeSign, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { hashOf, signOptions, type Identity } from '../identity/identity.ts';
import { OID } from './oids.ts';
import { derOf, toArrayBuffer } from './asn1.ts';
import { recentlyDown, requestCheckedTimestamp, TimestampError } from './tsa-client.ts';
import type { TimestampInfo } from './verifier.ts';

export interface SignOptions {
  /** RFC 3161 TSA: when given, the signature is time-stamped (CAdES-B-T). */
  tsaUrl?: string;
  /** 'best-effort': when the TSA does not answer (or failed in the last minutes) the signature stays CAdES-B-B
   *  rather than fail; an acknowledgement must not be lost for want of a time-stamp. Default 'required'. */
  timestamp?: 'required' | 'best-effort';
}

export interface CmsSignParams {
  content: Uint8Array;
  /** Detached (content not inside the CMS) or encapsulated (eContent present, e.g. a TSTInfo). */
  detached: boolean;
  contentType?: string;
  /** The signing-time attribute's value (default: now); 'none' for PAdES, which forbids the attribute. */
  signingTime?: Date | 'none';
}

/** What does not change between two signatures with one identity, parsed once. */
interface Prepared {
  sid: pkijs.IssuerAndSerialNumber;
  certificates: pkijs.Certificate[];
  hashOid: string;
  signatureAlgorithm: () => pkijs.AlgorithmIdentifier;
  signingCertificateV2: pkijs.Attribute;
  hash: 'sha256' | 'sha384';
}
const prepared = new WeakMap<Identity, Prepared>();

const algorithm = (algorithmId: string, algorithmParams?: asn1js.AsnType) =>
  new pkijs.AlgorithmIdentifier({ algorithmId, ...(algorithmParams ? { algorithmParams } : {}) });

function prepare(identity: Identity): Prepared {
  let p = prepared.get(identity);
  if (p) return p;
  const certificates = identity.chain.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)));
  const cert = certificates[0]!;
  const hash = hashOf(identity.scheme);
  // ESSCertIDv2 (RFC 5035) with SHA-256 omits hashAlgorithm (it is the DEFAULT); issuerSerial binds the
  // certificate's identity, its issuer as a directoryName GeneralName.
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(identity.chain[0]!).digest()) }),
      new asn1js.Sequence({
        value: [new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }).toSchema(), cert.serialNumber],
      }),
    ],
  });
  const signatureAlgorithm = () =>
    identity.scheme === 'rsa-pss-sha256'
      ? algorithm(
          OID.rsassaPss,
          new pkijs.RSASSAPSSParams({
            hashAlgorithm: algorithm(OID.sha256),
            maskGenAlgorithm: algorithm(OID.mgf1, algorithm(OID.sha256).toSchema()),
            saltLength: 32,
          }).toSchema(),
        )
      : identity.scheme === 'rsa-pkcs1-sha256'
        ? algorithm(OID.sha256WithRSA, new asn1js.Null())
        : algorithm(identity.scheme === 'ecdsa-p384-sha384' ? OID.ecdsaWithSha384 : OID.ecdsaWithSha256);
  p = {
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    certificates,
    hashOid: hash === 'sha384' ? OID.sha384 : OID.sha256,
    signatureAlgorithm,
    signingCertificateV2: attribute(OID.signingCertificateV2, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })),
    hash,
  };
  prepared.set(identity, p);
  return p;
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** RFC 5652 11.3: UTCTime for the years 1950 to 2049, GeneralizedTime otherwise; whole seconds, in UTC. */
function signingTimeAttribute(at: Date): pkijs.Attribute {
  const time = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const year = time.getUTCFullYear();
  const value = year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: time }) : new asn1js.GeneralizedTime({ valueDate: time });
  return attribute(OID.signingTime, value);
}

/**
 * The attributes in DER order (X.690 11.6: a SET OF sorted by encodings) and the DER SET the signature covers.
 * OpenSSL re-encodes signed attributes in this order when it verifies, so they are signed and written in it.
 */
function derSet(attributes: pkijs.Attribute[]): { sorted: pkijs.Attribute[]; der: Buffer } {
  const sorted = attributes
    .map((a) => ({ a, der: derOf(a.toSchema()) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a);
  return { sorted, der: derOf(new asn1js.Set({ value: sorted.map((a) => a.toSchema()) })) };
}

function signWith(hash: string, data: Buffer, identity: Identity): Buffer | Promise<Buffer> {
  const options = signOptions(identity.scheme, identity.privateKey);
  // An ECDSA signature takes ~25 µs: handing it to libuv's thread pool and back costs more CPU than that (measured
  // 55-90 µs per signature under load), so it is made in place. An RSA signature takes about a millisecond: worth
  // the thread pool, where it does not hold up other requests.
  if (identity.scheme === 'ecdsa-p256-sha256' || identity.scheme === 'ecdsa-p384-sha384') return nodeSign(hash, data, options);
  return new Promise((resolve, reject) => nodeSign(hash, data, options, (err, sig) => (err ? reject(err) : resolve(sig))));
}

/** A CMS SignedData, DER. */
export async function signCms(params: CmsSignParams, identity: Identity, options: SignOptions = {}): Promise<Buffer> {
  return (await signCmsWithTimestamp(params, identity, options)).cms;
}

/** The CMS and, when a TSA was asked, what its signature time-stamp says (so callers need not parse it back). */
export async function signCmsWithTimestamp(
  params: CmsSignParams,
  identity: Identity,
  options: SignOptions = {},
): Promise<{ cms: Buffer; timestamp?: TimestampInfo }> {
  const p = prepare(identity);
  const contentType = params.contentType ?? OID.data;
  const digest = createHash(p.hash).update(params.content).digest();
  const signedAttrs = derSet([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: contentType })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
    p.signingCertificateV2,
    ...(params.signingTime === 'none' ? [] : [signingTimeAttribute(params.signingTime ?? new Date())]),
  ]);
  const signature = await signWith(p.hash, signedAttrs.der, identity);
  let unsignedAttrs: pkijs.SignedAndUnsignedAttributes | undefined;
  let timestamp: TimestampInfo | undefined;
  const bestEffort = options.timestamp === 'best-effort';
  if (options.tsaUrl && !(bestEffort && recentlyDown(options.tsaUrl))) {
    try {
      const stamped = await requestCheckedTimestamp(options.tsaUrl, signature);
      const token = asn1js.fromBER(toArrayBuffer(stamped.token)).result;
      unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [attribute(OID.signatureTimeStampToken, token)] });
      timestamp = stamped.info;
    } catch (err) {
      if (!(bestEffort && err instanceof TimestampError)) throw err;
    }
  }
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: p.sid,
    digestAlgorithm: algorithm(p.hashOid),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttrs.sorted }),
    signatureAlgorithm: p.signatureAlgorithm(),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
    ...(unsignedAttrs ? { unsignedAttrs } : {}),
  });
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: contentType });
  // Set after construction: pkijs's constructor would cut eContent into BER segments; one DER OCTET STRING keeps
  // an encapsulated TSTInfo exactly as its message-digest covers it, for every reader.
  if (!params.detached) encapContentInfo.eContent = new asn1js.OctetString({ valueHex: toArrayBuffer(params.content) });
  const signedData = new pkijs.SignedData({
    digestAlgorithms: [algorithm(p.hashOid)],
    encapContentInfo,
    certificates: p.certificates,
    signerInfos: [signerInfo],
  });
  const cms = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return { cms: derOf(cms.toSchema()), ...(timestamp ? { timestamp } : {}) };
}

/**
 * A detached CAdES-B (or B-T with `tsaUrl`) signature over `content`, DER. The one signer every part of the helper
 * uses: receipts, PDF receipts (PAdES), bundle manifests (ASiC-E).
 */
export function signDetached(content: Uint8Array, identity: Identity, options: SignOptions & Pick<CmsSignParams, 'signingTime'> = {}): Promise<Buffer> {
  return signCms({ content, detached: true, ...(options.signingTime ? { signingTime: options.signingTime } : {}) }, identity, options);
}

/** PEM of the identity's chain, for `openssl cms -verify -CAfile`. */
export function chainPem(identity: Identity): string {
  return identity.chain.map((der) => new X509Certificate(der).toString()).join('');
}
