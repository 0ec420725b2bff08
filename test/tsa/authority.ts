// A local RFC 3161 time-stamping authority of the project's own, for tests (the helper's TSA client, the evidence
// verifier's B-T evidences): a test CA, a TSA certificate with the critical timeStamping extended key usage, and
// tokens signed with the helper's CMS signer, so `openssl ts -verify` can judge them independently.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto, KeyObject, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as x509 from '@peculiar/x509';
import type { Identity } from '../../helper/src/identity/identity.ts';
import { signCms } from '../../helper/src/cms/signer.ts';
import { OID } from '../../helper/src/cms/oids.ts';
import { derOf, toArrayBuffer } from '../../helper/src/cms/asn1.ts';

export const TSA_POLICY = '1.3.6.1.4.1.57264.1.1';

export interface TimestampAuthority {
  identity: Identity;
  /** PEM of the TSA certificate and its CA, for `openssl ts -verify -CAfile` and trust anchors. */
  caPem: string;
  tsaPem: string;
  /** Answers a DER TimeStampReq with a DER TimeStampResp. */
  respond(request: Uint8Array, now?: Date): Promise<Buffer>;
  issued: number;
}

export async function createTimestampAuthority(name = 'e-Box Keeper Test TSA'): Promise<TimestampAuthority> {
  const crypto = webcrypto as unknown as Crypto;
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const caKeys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const tsaKeys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${name} Root CA, O=e-Box Keeper tests, C=BE`,
      notBefore,
      notAfter,
      keys: caKeys,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const tsa = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${name}, O=e-Box Keeper tests, C=BE`,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: tsaKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
        await x509.SubjectKeyIdentifierExtension.create(tsaKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const identity: Identity = {
    privateKey: KeyObject.from(tsaKeys.privateKey as unknown as webcrypto.CryptoKey),
    chain: [Buffer.from(tsa.rawData), Buffer.from(ca.rawData)],
    scheme: 'ecdsa-p256-sha256',
    development: true,
  };
  let serial = 1;
  const authority: TimestampAuthority = {
    identity,
    caPem: new X509Certificate(Buffer.from(ca.rawData)).toString(),
    tsaPem: new X509Certificate(Buffer.from(tsa.rawData)).toString(),
    issued: 0,
    async respond(request, now = new Date()) {
      let req: pkijs.TimeStampReq;
      try {
        req = pkijs.TimeStampReq.fromBER(toArrayBuffer(request));
      } catch {
        return rejection(5 /* badDataFormat */);
      }
      const hashAlg = req.messageImprint.hashAlgorithm.algorithmId;
      if (![OID.sha256, OID.sha384, OID.sha512].includes(hashAlg as never)) return rejection(0 /* badAlg */);
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy: TSA_POLICY,
        messageImprint: req.messageImprint,
        serialNumber: new asn1js.Integer({ value: serial++ }),
        genTime: now,
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
        ordering: false,
        ...(req.nonce ? { nonce: req.nonce } : {}),
      });
      const content = Buffer.from(tstInfo.toSchema().toBER(false));
      const token = await signCms({ content, detached: false, contentType: OID.tstInfo }, identity);
      authority.issued++;
      const response = new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
        timeStampToken: pkijs.ContentInfo.fromBER(toArrayBuffer(token)),
      });
      return derOf(response.toSchema());
    },
  };
  return authority;
}

function rejection(failBit: number): Buffer {
  // PKIFailureInfo is a BIT STRING naming the one failure bit (bit 0 first, in the first octet's high bit).
  const bits = new Uint8Array(Math.floor(failBit / 8) + 1);
  bits[Math.floor(failBit / 8)] = 0x80 >> failBit % 8;
  const failInfo = new asn1js.BitString({ valueHex: toArrayBuffer(bits), unusedBits: 7 - (failBit % 8) });
  return derOf(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection, failInfo }) }).toSchema());
}
