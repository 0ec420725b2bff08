// The identity generated on first start, so the helper works before the company imports its own certificate.
// Its CA and signing certificate both say DEVELOPMENT_SUBJECT_MARK in their subject, and every summary, receipt
// and PDF made with it is flagged as not legally valid.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto, KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DEVELOPMENT_SUBJECT_MARK, type Identity } from './identity.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function createDevelopmentIdentity(now = new Date()): Promise<Identity> {
  const crypto = webcrypto as unknown as Crypto;
  const caKeys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - 60_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${DEVELOPMENT_SUBJECT_MARK} CA, O=e-Box Keeper (development), C=BE`,
      notBefore,
      notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
      keys: caKeys,
      signingAlgorithm: SIGN,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${DEVELOPMENT_SUBJECT_MARK}, O=e-Box Keeper (development), C=BE`,
      issuer: ca.subject,
      notBefore,
      notAfter: new Date(now.getTime() + 3 * 365 * 86_400_000),
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: SIGN,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    privateKey: KeyObject.from(keys.privateKey as unknown as webcrypto.CryptoKey),
    chain: [Buffer.from(leaf.rawData), Buffer.from(ca.rawData)],
    scheme: 'ecdsa-p256-sha256',
    development: true,
  };
}
