import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import { importPkcs12 } from '../identity/pkcs12-import.ts';
import { opensslPkcs12 } from '../identity/openssl-pkcs12.fixture.ts';
import type { Identity } from '../identity/identity.ts';
import { chainPem, signDetached } from './signer.ts';
import { verifyCms } from './verifier.ts';
import { requestTimestamp, TimestampError } from './tsa-client.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-cms-'));
let tsa: RunningTsa;
beforeAll(async () => {
  tsa = await startTsa();
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

function opensslCmsVerify(p7s: Buffer, content: Buffer, identity: Identity): { ok: boolean; out: string } {
  const tag = Math.random().toString(36).slice(2);
  writeFileSync(join(dir, `${tag}.p7s`), p7s);
  writeFileSync(join(dir, `${tag}.bin`), content);
  // The chain's root is the trust anchor; for a single self-signed certificate it is the certificate itself.
  writeFileSync(join(dir, `${tag}.pem`), chainPem(identity));
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, `${tag}.p7s`), '-content', join(dir, `${tag}.bin`), '-CAfile', join(dir, `${tag}.pem`), '-purpose', 'any', '-out', '/dev/null']);
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

describe('detached CAdES signer', () => {
  const content = Buffer.from('{"type":"ebox-keeper/acknowledgement-of-receipt","version":1}');

  it('signs with the development identity; openssl cms -verify accepts it and refuses altered content', async () => {
    const identity = await createDevelopmentIdentity();
    const p7s = await signDetached(content, identity);
    const v = verifyCms(p7s, content);
    expect(v.signerCertificate.raw.equals(identity.chain[0]!)).toBe(true);
    expect(v.timestamp).toBeUndefined();
    expect(opensslCmsVerify(p7s, content, identity)).toMatchObject({ ok: true });
    const altered = Buffer.from(content);
    altered[3]! ^= 1;
    expect(() => verifyCms(p7s, altered)).toThrow(/message digest does not match/);
    expect(opensslCmsVerify(p7s, altered, identity).ok).toBe(false);
    // CAdES-B-B (EN 319 122-1 5.2.1): signing-certificate-v2 and exactly one signing-time, as openssl reads them.
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], { input: p7s }).toString();
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
    expect(printed.match(/object: signingTime \(1\.2\.840\.113549\.1\.9\.5\)/g)).toHaveLength(1);
    const time = /signingTime[\s\S]*?UTCTIME:([^\n]+)/.exec(printed)![1]!;
    expect(Math.abs(Date.parse(time) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['RSA PKCS#1 v1.5', ['rsa:2048'], undefined],
    ['RSA-PSS', ['rsa:2048'], 'rsa-pss-sha256' as const],
    ['ECDSA P-384', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], undefined],
  ])('signs with an imported %s identity accepted by openssl', (name, alg, scheme) => {
    const identity = importPkcs12(opensslPkcs12(dir, alg, 'pw', name.replace(/\W/g, '')), 'pw', scheme);
    return signDetached(content, identity).then((p7s) => {
      expect(verifyCms(p7s, content).content.equals(content)).toBe(true);
      const r = opensslCmsVerify(p7s, content, identity);
      expect(r.out).toMatch(/Verification successful/);
    });
  });

  it('makes CAdES-B-T with the local TSA: the token covers the signature and openssl ts -verify accepts it', async () => {
    const identity = await createDevelopmentIdentity();
    const before = tsa.authority.issued;
    const p7s = await signDetached(content, identity, { tsaUrl: tsa.url });
    expect(tsa.authority.issued).toBe(before + 1);
    const v = verifyCms(p7s, content);
    expect(v.timestamp).toBeDefined();
    expect(Math.abs(v.timestamp!.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    expect(opensslCmsVerify(p7s, content, identity).ok).toBe(true);
    // Independent check of the token: extract it with our parser, verify it with openssl against the signature value.
    const token = await requestTimestamp(tsa.url, v.signatureValue);
    writeFileSync(join(dir, 'tst.der'), token);
    writeFileSync(join(dir, 'sig.bin'), v.signatureValue);
    writeFileSync(join(dir, 'tsa-ca.pem'), tsa.authority.caPem);
    const ok = spawnSync('openssl', ['ts', '-verify', '-data', join(dir, 'sig.bin'), '-in', join(dir, 'tst.der'), '-token_in', '-CAfile', join(dir, 'tsa-ca.pem')]);
    expect(`${ok.stdout}${ok.stderr}`).toMatch(/Verification: OK/);
    const bad = spawnSync('openssl', ['ts', '-verify', '-digest', createHash('sha256').update('other').digest('hex'), '-in', join(dir, 'tst.der'), '-token_in', '-CAfile', join(dir, 'tsa-ca.pem')]);
    expect(bad.status).not.toBe(0);
  });

  it('refuses a TSA that does not answer or answers garbage', async () => {
    await expect(requestTimestamp('http://127.0.0.1:9/tsa', content, 2000)).rejects.toThrow(TimestampError);
    const junk = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end('not DER'));
    await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(junk.address() as AddressInfo).port}/`;
    const identity = await createDevelopmentIdentity();
    await expect(signDetached(content, identity, { tsaUrl: url })).rejects.toThrow(/not an RFC 3161 response/);
    junk.close();
  });

  it('keeps a receipt CAdES-B-B when the TSA does not answer and a time-stamp is best effort; a bundle signature fails', async () => {
    const identity = await createDevelopmentIdentity();
    const url = 'http://127.0.0.1:1/tsa';
    const p7s = await signDetached(content, identity, { tsaUrl: url, timestamp: 'best-effort' });
    expect(verifyCms(p7s, content).timestamp).toBeUndefined();
    await expect(signDetached(content, identity, { tsaUrl: url })).rejects.toThrow(TimestampError);
  });
});
