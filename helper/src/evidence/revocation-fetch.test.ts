// Fetching the CRL an evidence lacks: from a real HTTP server on loopback (the happy path), and failing fast and
// cleanly where nothing answers, the verdict then saying why it stays INDETERMINATE / TRY_LATER.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEvidence } from '../../../test/qerds/evidence-issuer.ts';
import { evidenceLibrary, handoverSpec, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';
import { crlOf, type Issued } from '../../../test/qerds/pki.ts';
import { crlUrlsOf, verifyEvidenceFetchingRevocation } from './revocation-fetch.ts';

let library: EvidenceLibrary;
let server: Server;
let base: string;
let crl: Uint8Array;
let requests = 0;

/** A seal of the sandbox issuing CA whose certificate names `crlUrl` as its CRL distribution point. */
async function sealWithCrlUrl(crlUrl: string): Promise<Issued> {
  const ca = library.pki.issuingCa;
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `7${Math.floor(Math.random() * 1e9).toString(16)}`,
    subject: 'CN=Sandbox QERDS Online Seal, O=Sandbox QERDS, C=BE',
    issuer: ca.cert.subject,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.CRLDistributionPointsExtension([crlUrl]),
    ],
  });
  return { cert, keys, base64: cert.toString('base64'), pem: cert.toString('pem') };
}

beforeAll(async () => {
  library = await evidenceLibrary();
  crl = await crlOf(library.pki.issuingCa, new Date('2026-11-20T00:00:00Z'));
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/ca.crl') res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(Buffer.from(crl));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function evidenceSealedBy(seal: Issued): Promise<Uint8Array> {
  const xml = await issueEvidence(handoverSpec(), { signer: seal, chain: [library.pki.issuingCa], level: 'B-T', tsa: library.pki.tsa });
  return new TextEncoder().encode(xml);
}

describe('verifyEvidenceFetchingRevocation', () => {
  it('fetches the CRL the seal names when the evidence carries none, passes, and returns it to be kept', async () => {
    const evidence = await evidenceSealedBy(await sealWithCrlUrl(`${base}/ca.crl`));
    expect(crlUrlsOf(evidence)).toEqual([`${base}/ca.crl`]);
    const trustedList = pinnedSandboxList(library.trustedList, library.pki);
    const { report, fetched } = await verifyEvidenceFetchingRevocation({ evidence, trustedList, validationTime: VALIDATION_TIME });
    expect([report.indication, report.checks.filter((c) => c.outcome === 'FAILED')]).toEqual(['TOTAL_PASSED', []]);
    expect(report.signature.revocation).toEqual([expect.objectContaining({ kind: 'CRL', source: 'fetched', url: `${base}/ca.crl`, status: 'good' })]);
    expect(fetched.map((d) => Buffer.from(d.bytes).equals(Buffer.from(crl)))).toEqual([true]);
  });

  it('does not fetch when the evidence carries its own status', async () => {
    const before = requests;
    const { report, fetched } = await verifyEvidenceFetchingRevocation({
      evidence: library.good[0]!.evidence, trustedList: pinnedSandboxList(library.trustedList, library.pki), contents: library.good[0]!.contents, validationTime: VALIDATION_TIME,
    });
    expect([report.indication, fetched, requests]).toEqual(['TOTAL_PASSED', [], before]);
  });

  it('fails fast and cleanly where nothing answers: INDETERMINATE / TRY_LATER, saying what could not be fetched', async () => {
    const trustedList = pinnedSandboxList(library.trustedList, library.pki);
    for (const url of ['http://127.0.0.1:9/ca.crl', `${base}/missing.crl`, 'http://crl.invalid/ca.crl']) {
      const evidence = await evidenceSealedBy(await sealWithCrlUrl(url));
      const started = performance.now();
      const { report, fetched } = await verifyEvidenceFetchingRevocation({ evidence, trustedList, validationTime: VALIDATION_TIME }, { timeoutMs: 3_000 });
      expect(performance.now() - started, url).toBeLessThan(10_000);
      expect([report.indication, report.subIndication, fetched]).toEqual(['INDETERMINATE', 'TRY_LATER', []]);
      expect(report.checks.find((c) => c.id === 'REVOCATION')!.detail).toContain(`not fetched: ${url}`);
    }
  }, 60_000);
});
