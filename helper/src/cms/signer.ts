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
import { algorithm, context, nullValue, octets, oid, seq, setOf, smallInt, tlv, toArrayBuffer } from './der.ts';
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
  /** Extra signed attributes, DER-encoded Attribute SEQUENCEs. */
  extraSignedAttributes?: Buffer[];
  /** The signing-time attribute's value (default: now); 'none' for PAdES, which forbids the attribute. */
  signingTime?: Date | 'none';
}

/** What does not change between two signatures with one identity, encoded once. */
interface Prepared {
  sid: Buffer;
  certificates: Buffer;
  digestAlgorithm: Buffer;
  signatureAlgorithm: Buffer;
  signingCertificateV2: Buffer;
  hash: 'sha256' | 'sha384';
}
const prepared = new WeakMap<Identity, Prepared>();

function prepare(identity: Identity): Prepared {
  let p = prepared.get(identity);
  if (p) return p;
  const signer = identity.chain[0]!;
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(signer));
  const issuer = Buffer.from(cert.issuer.toSchema().toBER(false));
  const serial = Buffer.from(cert.serialNumber.toBER(false));
  const hash = hashOf(identity.scheme);
  const hashOid = hash === 'sha384' ? OID.sha384 : OID.sha256;
  // ESSCertIDv2 with SHA-256 omits hashAlgorithm (it is the DEFAULT); issuerSerial binds the certificate's identity.
  const certHash = createHash('sha256').update(signer).digest();
  const essCertIdV2 = seq(octets(certHash), seq(seq(context(4, issuer)), serial));
  const signatureAlgorithm =
    identity.scheme === 'rsa-pss-sha256'
      ? algorithm(
          OID.rsassaPss,
          seq(
            context(0, algorithm(OID.sha256)),
            context(1, algorithm(OID.mgf1, algorithm(OID.sha256))),
            context(2, tlv(0x02, Buffer.from([32]))),
          ),
        )
      : identity.scheme === 'rsa-pkcs1-sha256'
        ? algorithm(OID.sha256WithRSA, nullValue)
        : algorithm(identity.scheme === 'ecdsa-p384-sha384' ? OID.ecdsaWithSha384 : OID.ecdsaWithSha256);
  p = {
    sid: seq(issuer, serial),
    certificates: context(0, ...identity.chain),
    digestAlgorithm: algorithm(hashOid),
    signatureAlgorithm,
    signingCertificateV2: attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
    hash,
  };
  prepared.set(identity, p);
  return p;
}

export function attribute(type: string, ...values: Buffer[]): Buffer {
  return seq(oid(type), setOf(...values));
}

/** RFC 5652 11.3: UTCTime for the years 1950 to 2049, GeneralizedTime otherwise; whole seconds, in UTC. */
function signingTimeAttribute(at: Date): Buffer {
  const time = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const year = time.getUTCFullYear();
  const value = year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: time }) : new asn1js.GeneralizedTime({ valueDate: time });
  return attribute(OID.signingTime, Buffer.from(value.toBER(false)));
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
  const signedAttrs = setOf(
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octets(digest)),
    p.signingCertificateV2,
    ...(params.signingTime === 'none' ? [] : [signingTimeAttribute(params.signingTime ?? new Date())]),
    ...(params.extraSignedAttributes ?? []),
  );
  const signature = await signWith(p.hash, signedAttrs, identity);
  let unsigned: Buffer[] = [];
  let timestamp: TimestampInfo | undefined;
  const bestEffort = options.timestamp === 'best-effort';
  if (options.tsaUrl && !(bestEffort && recentlyDown(options.tsaUrl))) {
    try {
      const stamped = await requestCheckedTimestamp(options.tsaUrl, signature);
      unsigned = [attribute(OID.signatureTimeStampToken, stamped.token)];
      timestamp = stamped.info;
    } catch (err) {
      if (!(bestEffort && err instanceof TimestampError)) throw err;
    }
  }
  const signerInfo = seq(
    smallInt(1),
    p.sid,
    p.digestAlgorithm,
    // signedAttrs [0] IMPLICIT: the SET's contents under tag 0xA0.
    Buffer.concat([Buffer.from([0xa0]), signedAttrs.subarray(1)]),
    p.signatureAlgorithm,
    octets(signature),
    ...(unsigned.length ? [Buffer.concat([Buffer.from([0xa1]), setOf(...unsigned).subarray(1)])] : []),
  );
  const encap = params.detached ? seq(oid(contentType)) : seq(oid(contentType), context(0, octets(params.content)));
  const signedData = seq(
    smallInt(contentType === OID.data ? 1 : 3),
    setOf(p.digestAlgorithm),
    encap,
    p.certificates,
    setOf(signerInfo),
  );
  return { cms: seq(oid(OID.signedData), context(0, signedData)), ...(timestamp ? { timestamp } : {}) };
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
