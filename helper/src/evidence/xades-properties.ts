// The XAdES qualifying properties of the signature: the signed ones (signing time, signing-certificate binding)
// that a SignedProperties reference must cover; the unsigned signature timestamp that makes it B-T, and the
// certificate and revocation values (EN 319 132-1 5.5.1, 5.5.2) that make it B-LT.
import { createHash } from 'node:crypto';
import { DIGEST_METHODS, type DigestName } from './algorithms.ts';
import type { Certificate } from './certificate.ts';
import { C14N_ALGORITHMS, isC14nAlgorithm, type C14nOptions } from './c14n.ts';
import { childElements, descend, firstChild, textOf } from './safe-xml.ts';
import { DSIG_NS, SIGNED_PROPERTIES_TYPE, SignatureFormatError, type XmlSignature } from './xml-signature.ts';

export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';

export interface CertDigest {
  digestMethod: string;
  digest: DigestName | undefined;
  value: Buffer;
}

export interface XadesProperties {
  signingTime: Date | undefined;
  /** CertDigest entries of SigningCertificateV2 (or the older SigningCertificate). */
  signingCertificates: CertDigest[];
  timestamps: { encapsulated: Buffer; c14n: C14nOptions }[];
  /** xades:CertificateValues: the chain's certificates, DER. */
  certificateValues: Buffer[];
  /** xades:RevocationValues: CRLs and OCSP responses, DER. */
  revocationValues: { kind: 'CRL' | 'OCSP'; bytes: Buffer }[];
}

function encapsulated(parent: Element | undefined, list: string, item: string): Buffer[] {
  const holder = parent && firstChild(parent, XADES_NS, list);
  if (holder === undefined) return [];
  return childElements(holder, XADES_NS, item).map((el) => {
    const text = textOf(el);
    if (text === undefined) throw new SignatureFormatError(`an empty ${item}`);
    return Buffer.from(text.replace(/\s+/g, ''), 'base64');
  });
}

function certDigests(holder: Element | undefined): CertDigest[] {
  if (holder === undefined) return [];
  return childElements(holder, XADES_NS, 'Cert').map((cert) => {
    const certDigest = firstChild(cert, XADES_NS, 'CertDigest');
    const method = certDigest && firstChild(certDigest, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm');
    const value = textOf(certDigest && firstChild(certDigest, DSIG_NS, 'DigestValue'));
    if (!method || value === undefined) throw new SignatureFormatError('a signing-certificate CertDigest is incomplete');
    return { digestMethod: method, digest: DIGEST_METHODS[method], value: Buffer.from(value.replace(/\s+/g, ''), 'base64') };
  });
}

/** Reads the qualifying properties; the SignedProperties must be the target of a SignedProperties reference. */
export function readXadesProperties(sig: XmlSignature): XadesProperties {
  const qualifying = childElements(sig.element, DSIG_NS, 'Object').flatMap((o) =>
    childElements(o, XADES_NS, 'QualifyingProperties'),
  );
  if (qualifying.length !== 1) {
    throw new SignatureFormatError(`expected one xades:QualifyingProperties, found ${qualifying.length}`);
  }
  const props = qualifying[0]!;
  const target = props.getAttribute('Target');
  if (sig.id === undefined || target !== `#${sig.id}`) {
    throw new SignatureFormatError('QualifyingProperties does not target this signature');
  }
  const signed = firstChild(props, XADES_NS, 'SignedProperties');
  if (signed === undefined) throw new SignatureFormatError('xades:SignedProperties is missing');
  const covering = sig.references.filter((r) => r.target === signed);
  if (covering.length !== 1 || covering[0]!.type !== SIGNED_PROPERTIES_TYPE) {
    throw new SignatureFormatError('SignedProperties is not covered by exactly one SignedProperties reference');
  }
  const ssp = firstChild(signed, XADES_NS, 'SignedSignatureProperties');
  const timeText = textOf(ssp && firstChild(ssp, XADES_NS, 'SigningTime'));
  const signingTime = timeText === undefined ? undefined : new Date(timeText);
  if (signingTime !== undefined && Number.isNaN(signingTime.getTime())) {
    throw new SignatureFormatError(`SigningTime is not a date: ${timeText}`);
  }
  const v2 = ssp && firstChild(ssp, XADES_NS, 'SigningCertificateV2');
  const v1 = ssp && firstChild(ssp, XADES_NS, 'SigningCertificate');
  const unsigned = descend(props, XADES_NS, 'UnsignedProperties', 'UnsignedSignatureProperties');
  const timestamps = unsigned
    ? childElements(unsigned, XADES_NS, 'SignatureTimeStamp').map((ts) => {
        const method = firstChild(ts, DSIG_NS, 'CanonicalizationMethod')?.getAttribute('Algorithm');
        // XAdES (EN 319 132-1 5.3): without a CanonicalizationMethod, inclusive c14n 1.0 applies.
        const uri = method ?? 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
        if (!isC14nAlgorithm(uri)) throw new SignatureFormatError(`timestamp canonicalization ${uri} unsupported`);
        const token = textOf(firstChild(ts, XADES_NS, 'EncapsulatedTimeStamp'));
        if (token === undefined) throw new SignatureFormatError('SignatureTimeStamp has no EncapsulatedTimeStamp');
        return { encapsulated: Buffer.from(token.replace(/\s+/g, ''), 'base64'), c14n: { ...C14N_ALGORITHMS[uri] } };
      })
    : [];
  const revocationValues = unsigned && firstChild(unsigned, XADES_NS, 'RevocationValues');
  return {
    signingTime,
    signingCertificates: certDigests(v2 ?? v1),
    timestamps,
    certificateValues: encapsulated(unsigned, 'CertificateValues', 'EncapsulatedX509Certificate'),
    revocationValues: [
      ...encapsulated(revocationValues, 'CRLValues', 'EncapsulatedCRLValue').map((bytes) => ({ kind: 'CRL' as const, bytes })),
      ...encapsulated(revocationValues, 'OCSPValues', 'EncapsulatedOCSPValue').map((bytes) => ({ kind: 'OCSP' as const, bytes })),
    ],
  };
}

/** The candidate certificate the signed signing-certificate property names, if any. */
export function boundSigningCertificate(props: XadesProperties, candidates: readonly Certificate[]): Certificate | undefined {
  for (const cert of candidates) {
    for (const d of props.signingCertificates) {
      if (d.digest !== undefined && createHash(d.digest).update(cert.der).digest().equals(d.value)) return cert;
    }
  }
  return undefined;
}
