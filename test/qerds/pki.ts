// The sandbox QERDS provider's own test PKI: a root CA, an issuing CA for evidence-signing certificates, a TSA,
// and the deliberately wrong certificates the bad-evidence library needs (expired, not yet valid, unknown CA,
// non-qualified and withdrawn providers, a weak RSA-1024 key, a TSA without the critical timeStamping purpose).
// Keys are RSA (native WebCrypto); built once per process, since RSA key generation is the slow part.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** DER, base64 (as XML signatures and trusted lists carry it). */
  base64: string;
  pem: string;
}

export interface QerdsPki {
  /** The scheme operator that signs the sandbox trusted list (self-signed, pinned by whoever trusts the list). */
  listOperator: Issued;
  root: Issued;
  issuingCa: Issued;
  evidenceSigner: Issued;
  tsa: Issued;
  /** Everything below is for the bad-evidence library. */
  tsaWithoutCriticalEku: Issued;
  /** A TSA the trusted list lists as a plain, non-qualified timestamping service. */
  nonQualifiedTsa: Issued;
  expiredSigner: Issued;
  notYetValidSigner: Issued;
  weakKeySigner: Issued;
  /** An ECDSA P-256 evidence seal (the verifier's other key type). */
  ecSigner: Issued;
  sha1Signer: Issued;
  unknownRoot: Issued;
  unknownSigner: Issued;
  nonQualifiedCa: Issued;
  nonQualifiedSigner: Issued;
  withdrawnCa: Issued;
  withdrawnSigner: Issued;
  /** A key pair with no certificate: an impostor signing in the provider's name. */
  impostorKeys: CryptoKeyPair;
  /** An evidence seal of the issuing CA that its CRLs may list as revoked. */
  revokedSigner: Issued;
}

/**
 * A CRL of `ca` (DER), valid 30 days from `thisUpdate`, listing `revoked`. The provider embeds one in each evidence
 * (XAdES RevocationValues), issued just after the evidence's timestamp, so that the status of its seal is known.
 */
export async function crlOf(ca: Issued, thisUpdate: Date, revoked: readonly { cert: Issued; at: Date }[] = []): Promise<Uint8Array> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + 30 * 86_400_000),
    // With a reason: without one, @peculiar/x509 writes an empty crlEntryExtensions, which RFC 5280 forbids.
    entries: revoked.map((r) => ({ serialNumber: r.cert.cert.serialNumber, revocationDate: r.at, reason: x509.X509CrlReason.keyCompromise })),
    signingKey: ca.keys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  return new Uint8Array(crl.rawData);
}

const RSA = (bits: number, hash = 'SHA-256'): RsaHashedKeyGenParams => ({
  name: 'RSASSA-PKCS1-v1_5',
  hash,
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: bits,
});

async function keys(bits = 2048, hash = 'SHA-256', ec = false): Promise<CryptoKeyPair> {
  const algorithm = ec ? { name: 'ECDSA', namedCurve: 'P-256' } : RSA(bits, hash);
  return webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

let serial = 0x1000;

interface CertSpec {
  subject: string;
  issuer?: Issued;
  notBefore: string;
  notAfter: string;
  ca?: boolean;
  keyUsage?: x509.KeyUsageFlags;
  extendedKeyUsage?: { purposes: string[]; critical: boolean };
  bits?: number;
  /** The hash the key pair signs with (WebCrypto binds it to the key); certificates are always SHA-256 signed. */
  hash?: string;
  /** An ECDSA P-256 key instead of RSA. */
  ec?: boolean;
}

async function issue(spec: CertSpec): Promise<Issued> {
  const pair = await keys(spec.bits ?? 2048, spec.hash ?? 'SHA-256', spec.ec === true);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(spec.ca === true, undefined, true),
    new x509.KeyUsagesExtension(
      spec.keyUsage ?? (spec.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(pair.publicKey),
  ];
  if (spec.extendedKeyUsage) {
    extensions.push(new x509.ExtendedKeyUsageExtension(spec.extendedKeyUsage.purposes, spec.extendedKeyUsage.critical));
  }
  const signingKey = spec.issuer?.keys.privateKey ?? pair.privateKey;
  const signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject: spec.subject,
    issuer: spec.issuer?.cert.subject ?? spec.subject,
    notBefore: new Date(spec.notBefore),
    notAfter: new Date(spec.notAfter),
    publicKey: pair.publicKey,
    signingKey,
    signingAlgorithm,
    extensions,
  });
  return { cert, keys: pair, base64: cert.toString('base64'), pem: cert.toString('pem') };
}

const TSA_EKU = '1.3.6.1.5.5.7.3.8';

async function build(): Promise<QerdsPki> {
  // The sandbox e-Box holds messages up to a few years old: the provider's PKI must cover them all.
  const root = await issue({ subject: 'CN=Sandbox QERDS Root CA, O=Sandbox QERDS, C=BE', notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z', ca: true });
  const issuingCa = await issue({ subject: 'CN=Sandbox QERDS Evidence CA, O=Sandbox QERDS, C=BE', issuer: root, notBefore: '2020-01-01T00:00:00Z', notAfter: '2035-01-01T00:00:00Z', ca: true });
  const signer = (subject: string, issuer: Issued, notBefore: string, notAfter: string, extra: Partial<CertSpec> = {}) =>
    issue({ subject: `CN=${subject}, O=Sandbox QERDS, C=BE`, issuer, notBefore, notAfter, ...extra });
  const unknownRoot = await issue({ subject: 'CN=Unlisted Root CA, O=Nobody, C=XX', notBefore: '2025-01-01T00:00:00Z', notAfter: '2035-01-01T00:00:00Z', ca: true });
  const nonQualifiedCa = await issue({ subject: 'CN=Plain ERDS CA, O=Plain ERDS, C=BE', issuer: root, notBefore: '2025-01-01T00:00:00Z', notAfter: '2032-01-01T00:00:00Z', ca: true });
  const withdrawnCa = await issue({ subject: 'CN=Withdrawn QERDS CA, O=Withdrawn QERDS, C=BE', issuer: root, notBefore: '2025-01-01T00:00:00Z', notAfter: '2032-01-01T00:00:00Z', ca: true });
  return {
    listOperator: await issue({ subject: 'CN=Sandbox Trusted List Operator, O=Sandbox Supervisory Body, C=BE', notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' }),
    root,
    issuingCa,
    evidenceSigner: await signer('Sandbox QERDS Evidence Seal', issuingCa, '2022-01-01T00:00:00Z', '2028-01-01T00:00:00Z'),
    tsa: await issue({
      subject: 'CN=Sandbox QERDS TSU 1, O=Sandbox QERDS, C=BE', issuer: root, notBefore: '2020-01-01T00:00:00Z', notAfter: '2035-01-01T00:00:00Z',
      keyUsage: x509.KeyUsageFlags.digitalSignature, extendedKeyUsage: { purposes: [TSA_EKU], critical: true },
    }),
    tsaWithoutCriticalEku: await issue({
      subject: 'CN=Sandbox QERDS TSU 2, O=Sandbox QERDS, C=BE', issuer: root, notBefore: '2025-06-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z',
      keyUsage: x509.KeyUsageFlags.digitalSignature, extendedKeyUsage: { purposes: [TSA_EKU], critical: false },
    }),
    nonQualifiedTsa: await issue({
      subject: 'CN=Plain TSU, O=Plain ERDS, C=BE', issuer: root, notBefore: '2020-01-01T00:00:00Z', notAfter: '2035-01-01T00:00:00Z',
      keyUsage: x509.KeyUsageFlags.digitalSignature, extendedKeyUsage: { purposes: [TSA_EKU], critical: true },
    }),
    expiredSigner: await signer('Sandbox QERDS Old Seal', issuingCa, '2025-01-01T00:00:00Z', '2026-06-30T00:00:00Z'),
    notYetValidSigner: await signer('Sandbox QERDS Future Seal', issuingCa, '2027-01-01T00:00:00Z', '2029-01-01T00:00:00Z'),
    weakKeySigner: await signer('Sandbox QERDS Weak Seal', issuingCa, '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z', { bits: 1024 }),
    ecSigner: await signer('Sandbox QERDS EC Seal', issuingCa, '2022-01-01T00:00:00Z', '2028-01-01T00:00:00Z', { ec: true }),
    sha1Signer: await signer('Sandbox QERDS SHA-1 Seal', issuingCa, '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z', { hash: 'SHA-1' }),
    unknownRoot,
    unknownSigner: await issue({ subject: 'CN=Unlisted Evidence Seal, O=Nobody, C=XX', issuer: unknownRoot, notBefore: '2026-01-01T00:00:00Z', notAfter: '2028-01-01T00:00:00Z' }),
    nonQualifiedCa,
    nonQualifiedSigner: await issue({ subject: 'CN=Plain ERDS Seal, O=Plain ERDS, C=BE', issuer: nonQualifiedCa, notBefore: '2026-01-01T00:00:00Z', notAfter: '2028-01-01T00:00:00Z' }),
    withdrawnCa,
    withdrawnSigner: await issue({ subject: 'CN=Withdrawn QERDS Seal, O=Withdrawn QERDS, C=BE', issuer: withdrawnCa, notBefore: '2026-01-01T00:00:00Z', notAfter: '2028-01-01T00:00:00Z' }),
    impostorKeys: await keys(),
    revokedSigner: await signer('Sandbox QERDS Revoked Seal', issuingCa, '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z'),
  };
}

let pki: Promise<QerdsPki> | undefined;

/** The sandbox PKI, generated on first use and shared by every caller in the process. */
export function qerdsPki(): Promise<QerdsPki> {
  pki ??= build();
  return pki;
}
