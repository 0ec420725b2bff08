// The trusted list's own enveloped signature (TS 119 612 clause 5.7: XAdES by the scheme operator). A list read from
// a file is only as trustworthy as that file: a broken signature refuses the list, and when the operator's
// certificate is pinned (the EU list of trusted lists publishes it), the list must be signed by exactly that one.
import { digestAccepted } from './algorithms.ts';
import { CertificateError, parseCertificate, type Certificate } from './certificate.ts';
import { failedReferences, readSignature, signatureValueHolds, SignatureFormatError, DSIG_NS } from './xml-signature.ts';

export interface TrustedListSignature {
  /** The operator certificate whose key the signature verifies with; undefined for an unsigned list. */
  signedBy: Certificate | undefined;
  /** True when that certificate is the pinned one. */
  pinned: boolean;
}

export class TrustedListSignatureError extends Error {
  override name = 'TrustedListSignatureError';
}

export function checkTrustedListSignature(doc: Document, pinnedOperator?: Certificate): TrustedListSignature {
  if (doc.getElementsByTagNameNS(DSIG_NS, 'Signature').length === 0) {
    if (pinnedOperator !== undefined) throw new TrustedListSignatureError('the trusted list is not signed, but a signer is pinned');
    return { signedBy: undefined, pinned: false };
  }
  try {
    const sig = readSignature(doc);
    const digests = [sig.signatureMethod?.digest, ...sig.references.map((r) => r.digest)];
    if (digests.some((d) => d === undefined || !digestAccepted(d))) throw new TrustedListSignatureError('the trusted list signature uses a refused algorithm');
    if (failedReferences(sig).length > 0) throw new TrustedListSignatureError('the trusted list was altered after it was signed');
    const signer = sig.keyInfoCertificates.map((der) => parseCertificate(der)).find((c) => signatureValueHolds(sig, c.publicKey));
    if (signer === undefined) throw new TrustedListSignatureError('the trusted list signature does not verify');
    if (pinnedOperator !== undefined && signer.sha256 !== pinnedOperator.sha256) {
      throw new TrustedListSignatureError(`the trusted list is signed by ${signer.subject}, not by the pinned operator ${pinnedOperator.subject}`);
    }
    return { signedBy: signer, pinned: pinnedOperator !== undefined };
  } catch (error) {
    if (error instanceof SignatureFormatError || error instanceof CertificateError) {
      throw new TrustedListSignatureError(`the trusted list signature is unreadable: ${error.message}`);
    }
    throw error;
  }
}
