// The trusted list's own enveloped signature (TS 119 612 clause 5.7: XAdES by the scheme operator). A list is only
// as trustworthy as the key that signed it, so a list is trusted only when its signature verifies with the key of a
// PINNED certificate: one the user configured, or one the EU list of trusted lists publishes for that territory
// (2 to 4 per country, for key rollover). The certificate a list carries in its own KeyInfo proves nothing: anyone
// can sign a list with a key of their own. Nothing here throws for a bad signature; the reason is kept, and the
// verdict that rests on the list becomes INDETERMINATE.
import { digestAccepted } from './algorithms.ts';
import { CertificateError, parseCertificate, type Certificate } from './certificate.ts';
import { failedReferences, readSignature, signatureValueHolds, SignatureFormatError, DSIG_NS } from './xml-signature.ts';

export interface TrustedListSignature {
  /** The certificate whose key the signature verifies with; undefined when it verifies with none known. */
  signedBy: Certificate | undefined;
  /** True when that certificate is one of the pinned ones. */
  pinned: boolean;
  /** Why the list is not trusted; undefined when its signature verifies with a pinned certificate. */
  problem: string | undefined;
}

function untrusted(problem: string, signedBy?: Certificate): TrustedListSignature {
  return { signedBy, pinned: false, problem };
}

export function checkTrustedListSignature(doc: Document, pinned: readonly Certificate[]): TrustedListSignature {
  if (doc.getElementsByTagNameNS(DSIG_NS, 'Signature').length === 0) return untrusted('the trusted list is not signed');
  try {
    const sig = readSignature(doc);
    const digests = [sig.signatureMethod?.digest, ...sig.references.map((r) => r.digest)];
    if (digests.some((d) => d === undefined || !digestAccepted(d))) {
      return untrusted(`the trusted list signature uses a refused algorithm (${sig.signatureMethodUri})`);
    }
    if (failedReferences(sig).length > 0) return untrusted('the trusted list was altered after it was signed');
    const byPinned = pinned.find((c) => signatureValueHolds(sig, c.publicKey));
    if (byPinned !== undefined) return { signedBy: byPinned, pinned: true, problem: undefined };
    const keyInfo: Certificate[] = [];
    for (const der of sig.keyInfoCertificates) {
      try {
        keyInfo.push(parseCertificate(der));
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
      }
    }
    const signer = keyInfo.find((c) => signatureValueHolds(sig, c.publicKey));
    if (signer === undefined) return untrusted('the trusted list signature does not verify');
    if (pinned.length === 0) {
      return untrusted(`the trusted list is signed by ${signer.subject}, but no signer is pinned to check it against`, signer);
    }
    return untrusted(`the trusted list is signed by ${signer.subject}, which is not one of the ${pinned.length} pinned signers`, signer);
  } catch (error) {
    if (error instanceof SignatureFormatError) return untrusted(`the trusted list signature is unreadable: ${error.message}`);
    throw error;
  }
}
