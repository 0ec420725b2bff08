// The sandbox QERDS provider's evidence issuer: ETSI EN 319 522-3 XML evidences (namespace
// http://uri.etsi.org/19522/v1#) signed with an enveloped XAdES signature by xadesjs, baseline B-B, or B-T with an
// RFC 3161 signature timestamp over the canonical ds:SignatureValue (computed with xmldsigjs's own exclusive
// canonicalization, independent of the helper's), and, by default, the issuing CA's certificate and a CRL of it
// issued just after the timestamp (xades:CertificateValues, xades:RevocationValues: XAdES B-LT), so that a verifier
// knows the seal's revocation status without a network.
import './xml-setup.ts';
import * as xmldom from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import * as xmldsig from 'xmldsigjs';
import { createHash, randomUUID } from 'node:crypto';
import type { Issued } from './pki.ts';
import { issueTimestampToken } from './timestamp-authority.ts';

export const ERDS_NS = 'http://uri.etsi.org/19522/v1#';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

export const EVENTS = {
  submission: 'http://uri.etsi.org/19522/Event/SubmissionAcceptance',
  consignment: 'http://uri.etsi.org/19522/Event/ContentConsignment',
  handover: 'http://uri.etsi.org/19522/Event/ContentHandover',
} as const;
export type EvidenceEvent = keyof typeof EVENTS;

export const SANDBOX_POLICY_ID = 'urn:oid:1.3.6.1.4.1.57264.19522.2.1';

export interface EvidenceParty {
  name: string;
  identifier: string;
}

export interface EvidenceContentPart {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface EvidenceSpec {
  event: EvidenceEvent;
  identifier?: string;
  messageIdentifier: string;
  eventTime: Date;
  submissionTime: Date;
  issuer: EvidenceParty;
  sender: EvidenceParty;
  recipient: EvidenceParty;
  contents: readonly EvidenceContentPart[];
}

export interface SigningOptions {
  signer: Issued;
  /** Further certificates for KeyInfo (the issuing CA). */
  chain?: readonly Issued[];
  level: 'B-B' | 'B-T';
  /** Required for B-T. */
  tsa?: Issued;
  /** genTime of the timestamp; defaults to a few seconds after the event. */
  timestampTime?: Date;
  /** Signs with this key instead of the signer's (an impostor), still naming the signer's certificate. */
  signingKey?: CryptoKey;
  /** Names this certificate in SigningCertificateV2 instead of the signer's. */
  boundCertificate?: Issued;
  /** 'SHA-1' gives rsa-sha1 and sha1 digests (the signer's key must be a SHA-1 key). */
  hash?: 'SHA-256' | 'SHA-1';
  /** CA certificates and DER CRLs to embed as CertificateValues and RevocationValues; none when absent. */
  revocation?: { certificates: readonly Issued[]; crls: readonly Uint8Array[] };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function party(tag: string, p: EvidenceParty): string {
  return `<ev:${tag}><ev:Name>${escapeXml(p.name)}</ev:Name><ev:Identifier>${escapeXml(p.identifier)}</ev:Identifier></ev:${tag}>`;
}

/** The unsigned evidence document. */
export function evidenceXml(spec: EvidenceSpec): string {
  const parts = spec.contents
    .map((c) => {
      const digest = createHash('sha256').update(c.bytes).digest('base64');
      return (
        `<ev:ContentInfo><ev:ContentIdentifier>${escapeXml(c.name)}</ev:ContentIdentifier><ev:MediaType>${escapeXml(c.mediaType)}</ev:MediaType>` +
        `<ev:Digest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${digest}</ds:DigestValue></ev:Digest></ev:ContentInfo>`
      );
    })
    .join('');
  return (
    `<ev:Evidence xmlns:ev="${ERDS_NS}" xmlns:ds="${DSIG_NS}">` +
    `<ev:Version>1</ev:Version>` +
    `<ev:EvidenceIdentifier>${escapeXml(spec.identifier ?? randomUUID())}</ev:EvidenceIdentifier>` +
    `<ev:ERDSEventId>${EVENTS[spec.event]}</ev:ERDSEventId>` +
    `<ev:EventTime>${spec.eventTime.toISOString()}</ev:EventTime>` +
    `<ev:SubmissionTime>${spec.submissionTime.toISOString()}</ev:SubmissionTime>` +
    `<ev:EvidenceIssuerPolicyID><ev:PolicyID>${SANDBOX_POLICY_ID}</ev:PolicyID></ev:EvidenceIssuerPolicyID>` +
    party('EvidenceIssuerDetails', spec.issuer) +
    party('SenderDetails', spec.sender) +
    party('RecipientDetails', spec.recipient) +
    `<ev:MessageIdentifier>${escapeXml(spec.messageIdentifier)}</ev:MessageIdentifier>` +
    `<ev:UserContentInfo>${parts}</ev:UserContentInfo>` +
    `</ev:Evidence>`
  );
}

/** Signs `xml` (an evidence) with an enveloped XAdES signature; returns the serialized signed document. */
export async function signEvidence(xml: string, options: SigningOptions, signingTime: Date): Promise<string> {
  const doc = xadesjs.Parse(xml);
  const hash = options.hash ?? 'SHA-256';
  const signed = new xadesjs.SignedXml();
  const bound = options.boundCertificate ?? options.signer;
  const key = options.signingKey ?? options.signer.keys.privateKey;
  const algorithm = key.algorithm.name === 'ECDSA' ? ({ name: 'ECDSA', hash: hash } as EcdsaParams) : { name: 'RSASSA-PKCS1-v1_5' };
  await signed.Sign(algorithm, key, doc, {
    x509: [options.signer.base64, ...(options.chain ?? []).map((c) => c.base64)],
    signingCertificateV2: { certificate: bound.base64, digestAlgorithm: 'SHA-256' },
    signingTime: { value: signingTime },
    references: [{ id: 'evidence-ref', uri: '', hash, transforms: ['enveloped', 'exc-c14n'] }],
  });
  const signature = signed.GetXml();
  if (signature === null) throw new Error('xadesjs produced no signature element');
  doc.documentElement.appendChild(signature);
  if (options.level === 'B-T') {
    if (options.tsa === undefined) throw new Error('a B-T evidence needs a TSA');
    await addSignatureTimestamp(doc, options.tsa, options.timestampTime ?? new Date(signingTime.getTime() + 2_000));
  }
  if (options.revocation !== undefined) addValidationData(doc, options.revocation);
  return new xmldom.XMLSerializer().serializeToString(doc as unknown as xmldom.Node);
}

/** Adds xades:UnsignedProperties/…/SignatureTimeStamp over the exclusive-canonical ds:SignatureValue. */
export async function addSignatureTimestamp(doc: Document, tsa: Issued, genTime: Date): Promise<void> {
  const signatureValue = doc.getElementsByTagNameNS(DSIG_NS, 'SignatureValue')[0];
  const qualifying = doc.getElementsByTagNameNS(XADES_NS, 'QualifyingProperties')[0];
  if (signatureValue === undefined || qualifying === undefined) throw new Error('not a XAdES signature');
  const c14n = new xmldsig.XmlDsigExcC14NTransform();
  c14n.LoadInnerXml(signatureValue);
  const imprint = createHash('sha256').update(c14n.GetOutput(), 'utf8').digest();
  const token = await issueTimestampToken(tsa, imprint, genTime);

  const xadesPrefix = qualifying.prefix ? `${qualifying.prefix}:` : '';
  const dsPrefix = signatureValue.prefix ? `${signatureValue.prefix}:` : '';
  const el = (ns: string, prefix: string, name: string): Element => doc.createElementNS(ns, prefix + name);
  const unsigned = el(XADES_NS, xadesPrefix, 'UnsignedProperties');
  const usp = el(XADES_NS, xadesPrefix, 'UnsignedSignatureProperties');
  const ts = el(XADES_NS, xadesPrefix, 'SignatureTimeStamp');
  ts.setAttribute('Id', `ts-${randomUUID()}`);
  const method = el(DSIG_NS, dsPrefix, 'CanonicalizationMethod');
  method.setAttribute('Algorithm', EXC_C14N);
  const encapsulated = el(XADES_NS, xadesPrefix, 'EncapsulatedTimeStamp');
  encapsulated.appendChild(doc.createTextNode(Buffer.from(token).toString('base64')));
  ts.appendChild(method);
  ts.appendChild(encapsulated);
  usp.appendChild(ts);
  unsigned.appendChild(usp);
  qualifying.appendChild(unsigned);
}

/** Adds xades:CertificateValues and xades:RevocationValues/CRLValues to the unsigned signature properties. */
function addValidationData(doc: Document, data: NonNullable<SigningOptions['revocation']>): void {
  const qualifying = doc.getElementsByTagNameNS(XADES_NS, 'QualifyingProperties')[0];
  if (qualifying === undefined) throw new Error('not a XAdES signature');
  const prefix = qualifying.prefix ? `${qualifying.prefix}:` : '';
  const el = (name: string, text?: string): Element => {
    const e = doc.createElementNS(XADES_NS, prefix + name);
    if (text !== undefined) e.appendChild(doc.createTextNode(text));
    return e;
  };
  let unsigned = doc.getElementsByTagNameNS(XADES_NS, 'UnsignedSignatureProperties')[0];
  if (unsigned === undefined) {
    const properties = el('UnsignedProperties');
    unsigned = el('UnsignedSignatureProperties');
    properties.appendChild(unsigned);
    qualifying.appendChild(properties);
  }
  const certificates = el('CertificateValues');
  for (const c of data.certificates) certificates.appendChild(el('EncapsulatedX509Certificate', c.base64));
  const crls = el('CRLValues');
  for (const crl of data.crls) crls.appendChild(el('EncapsulatedCRLValue', Buffer.from(crl).toString('base64')));
  const revocation = el('RevocationValues');
  revocation.appendChild(crls);
  unsigned.appendChild(certificates);
  unsigned.appendChild(revocation);
}

/** Builds and signs an evidence. The signing time is the event time. */
export async function issueEvidence(spec: EvidenceSpec, options: SigningOptions): Promise<string> {
  return signEvidence(evidenceXml(spec), options, spec.eventTime);
}
