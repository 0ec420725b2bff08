// The sandbox QERDS provider's RFC 3161 time-stamping unit: issues a timestamp token (CMS SignedData over a
// TSTInfo, with content-type, message-digest and ESS signing-certificate-v2 attributes) for a SHA-256 imprint at
// a given time. pkijs builds the structures; the signature is made with WebCrypto over the DER of the attributes.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { createHash, webcrypto } from 'node:crypto';
import type { Issued } from './pki.ts';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sandboxPolicy: '1.3.6.1.4.1.57264.19522.1',
} as const;

let serialNumber = 1;

const sha256 = (data: Uint8Array | ArrayBuffer): ArrayBuffer => {
  const digest = createHash('sha256').update(new Uint8Array(data)).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
};

/** A DER timestamp token (ContentInfo) for `imprint`, the SHA-256 of the timestamped data. */
export async function issueTimestampToken(tsa: Issued, imprint: Uint8Array, genTime: Date): Promise<Uint8Array> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: OID.sandboxPolicy,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(imprint) }),
    }),
    serialNumber: new asn1js.Integer({ value: serialNumber++ }),
    genTime,
    ordering: false,
  });
  const eContent = tstInfo.toSchema().toBER();
  const certDer = tsa.cert.rawData;
  const certificate = pkijs.Certificate.fromBER(certDer);

  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.tstInfo })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(eContent) })] }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { certHash (SHA-256 by default) } }
      values: [
        new asn1js.Sequence({
          value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) })] })] })],
        }),
      ],
    }),
  ];
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT field they sit in.
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', tsa.keys.privateKey, toSign);

  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: eContent }),
    }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: [certificate],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        signedAttrs,
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
        signature: new asn1js.OctetString({ valueHex: signature }),
      }),
    ],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
