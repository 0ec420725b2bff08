// The helper's one RFC 3161 TimeStampToken reader (pkijs): the TSA client and the CMS verifier read TSTInfo with
// it, and the evidence verifier reads a XAdES signature time-stamp's parts with it before judging them against a
// trusted list. It reads structure only; what the signature and certificates prove is the caller's verdict.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.ts';
import { toArrayBuffer } from './asn1.ts';

export class TimestampTokenError extends Error {
  override name = 'TimestampTokenError';
}

export interface TstInfo {
  genTime: Date;
  imprintOid: string;
  imprint: Buffer;
  nonce?: Buffer;
  serialNumber: Buffer;
}

export interface TimestampToken {
  /** The certificates the token carries, as their original bytes (hashes bind them). */
  certificates: Uint8Array[];
  digestOid: string;
  signatureOid: string;
  /** The signed attributes re-tagged as a SET (0x31): the bytes the signature covers. */
  signedAttrs: Uint8Array;
  /** Each signed attribute's single value, by type. */
  attributes: Map<string, asn1js.AsnType>;
  signature: Uint8Array;
  eContent: Uint8Array;
  tstInfo: TstInfo;
}

function fail(message: string): never {
  throw new TimestampTokenError(message);
}

/** The fields of a DER TSTInfo a verifier needs. */
export function readTstInfo(eContent: Uint8Array): TstInfo {
  let tst: pkijs.TSTInfo;
  try {
    tst = pkijs.TSTInfo.fromBER(toArrayBuffer(eContent));
  } catch (error) {
    fail(`not a TSTInfo (${(error as Error).message})`);
  }
  return {
    genTime: tst.genTime,
    imprintOid: tst.messageImprint.hashAlgorithm.algorithmId,
    imprint: Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    ...(tst.nonce ? { nonce: Buffer.from(tst.nonce.valueBlock.valueHexView) } : {}),
    serialNumber: Buffer.from(tst.serialNumber.valueBlock.valueHexView),
  };
}

const isUniversal = (node: asn1js.AsnType | undefined, tagNumber: number) =>
  node !== undefined && node.idBlock.tagClass === 1 && node.idBlock.tagNumber === tagNumber;

/** The parts of a TimeStampToken (a CMS SignedData over a TSTInfo); throws TimestampTokenError on any other shape. */
export function parseTimestampToken(token: Uint8Array): TimestampToken {
  let info: pkijs.ContentInfo;
  let signed: pkijs.SignedData;
  try {
    info = pkijs.ContentInfo.fromBER(toArrayBuffer(token));
    if (info.contentType !== OID.signedData) fail('the timestamp token is not CMS SignedData');
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    if (error instanceof TimestampTokenError) throw error;
    fail(`not a CMS SignedData (${(error as Error).message})`);
  }
  if (signed.encapContentInfo.eContentType !== OID.tstInfo) fail('the token does not hold a TSTInfo');
  const eContentNode = signed.encapContentInfo.eContent;
  if (eContentNode === undefined) fail('the token has no TSTInfo content');
  // CMS allows BER outside signed attributes: a constructed OCTET STRING's value is its segments' concatenation.
  const eContent = new Uint8Array(eContentNode.getValue());
  if (signed.signerInfos.length !== 1) fail('the token must have exactly one signer');
  const signer = signed.signerInfos[0]!;
  if (signer.signedAttrs === undefined) fail('the token has no signed attributes');
  const attributes = new Map<string, asn1js.AsnType>();
  for (const attribute of signer.signedAttrs.attributes) {
    if (attribute.values.length !== 1 || attributes.has(attribute.type)) fail(`signed attribute ${attribute.type} must occur once with one value`);
    attributes.set(attribute.type, attribute.values[0]!);
  }
  const signedAttrs = new Uint8Array(signer.signedAttrs.encodedValue);
  signedAttrs[0] = 0x31;
  // The certificates as they were written: pkijs's objects would re-encode them.
  const certificateField = (info.content as asn1js.Sequence).valueBlock.value.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0);
  const certificates = ((certificateField as asn1js.Constructed | undefined)?.valueBlock.value ?? [])
    .filter((n) => isUniversal(n, 16))
    .map((n) => new Uint8Array(n.valueBeforeDecodeView));
  return {
    certificates,
    digestOid: signer.digestAlgorithm.algorithmId,
    signatureOid: signer.signatureAlgorithm.algorithmId,
    signedAttrs,
    attributes,
    signature: new Uint8Array(signer.signature.valueBlock.valueHexView),
    eContent,
    tstInfo: readTstInfo(eContent),
  };
}

/** A signed attribute's OBJECT IDENTIFIER value. */
export function oidValue(node: asn1js.AsnType | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) fail(`expected ${what}`);
  return node.valueBlock.toString();
}

/** A signed attribute's OCTET STRING value. */
export function octetsValue(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString)) fail(`expected ${what}`);
  return new Uint8Array(node.getValue());
}

/** The certHash of each ESSCertIDv2 of a signing-certificate-v2 attribute (RFC 5035), with its digest's OID. */
export function essCertIdsV2(value: asn1js.AsnType | undefined): { digestOid: string; hash: Uint8Array }[] {
  if (value === undefined) fail('the token has no ESS signing-certificate-v2 attribute');
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  if (!(certs instanceof asn1js.Sequence)) fail('expected a SigningCertificateV2');
  return certs.valueBlock.value.map((id) => {
    if (!(id instanceof asn1js.Sequence)) fail('expected an ESSCertIDv2');
    const [first, second] = id.valueBlock.value;
    // hashAlgorithm is DEFAULT SHA-256, absent when it is SHA-256.
    if (first instanceof asn1js.Sequence) {
      return { digestOid: oidValue(first.valueBlock.value[0], 'a digest algorithm'), hash: octetsValue(second, 'an ESSCertIDv2 certHash') };
    }
    return { digestOid: OID.sha256, hash: octetsValue(first, 'an ESSCertIDv2 certHash') };
  });
}
