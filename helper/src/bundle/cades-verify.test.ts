import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedCades } from './cades-verify.ts';
import { createTestPki } from './test-pki.ts';
import { createFixture, type Fixture } from './test-fixture.ts';

let f: Fixture;
let ca: Buffer;
const content = Buffer.from('<asic:ASiCManifest>the signed manifest</asic:ASiCManifest>');
let signature: Buffer;

beforeAll(async () => {
  f = await createFixture();
  ca = Buffer.from(new X509Certificate(f.caPem).raw);
  signature = Buffer.from(await f.signer.sign(content));
}, 30_000);
afterAll(() => f?.close());

describe('verifyDetachedCades', () => {
  it('accepts the helper signature as CAdES-B-T pinned to its CA, with the TSA time', async () => {
    const r = await verifyDetachedCades(signature, content, { trusted: [ca], requireTimestamp: true });
    expect(r.problems).toEqual([]);
    expect(r.pinned).toBe(true);
    expect(r.timestamp?.tsaSubject).toMatch(/Test TSA/);
  });

  it('accepts a CAdES signature made by openssl, and says it is only B-B', async () => {
    const pki = createTestPki();
    const sig = await pki.signer.sign(content);
    pki.close();
    const pkiCa = Buffer.from(new X509Certificate(pki.caCertPem).raw);
    expect((await verifyDetachedCades(sig, content, { trusted: [pkiCa] })).valid).toBe(true);
    expect((await verifyDetachedCades(sig, content, { trusted: [pkiCa], requireTimestamp: true })).problems).toEqual([
      'no signature timestamp: CAdES-B-B, not the required CAdES-B-T',
    ]);
    expect((await verifyDetachedCades(sig, content, { trusted: [ca] })).problems.join()).toMatch(/not the pinned certificate/);
  });

  it('refuses altered content', async () => {
    const r = await verifyDetachedCades(signature, Buffer.from(content.toString().replace('signed', 'sIgned')), { trusted: [ca] });
    expect(r.valid).toBe(false);
    expect(r.problems.join()).toMatch(/altered/);
  });

  it('fails for a flipped byte anywhere in the signature (every 7th byte, about 500 positions)', async () => {
    const undetected: number[] = [];
    for (let i = 0; i < signature.length; i += 7) {
      const copy = Buffer.from(signature);
      copy[i] = copy[i]! ^ 0x01;
      const r = await verifyDetachedCades(copy, content, { trusted: [ca], requireTimestamp: true });
      if (r.valid) undetected.push(i);
    }
    expect(undetected).toEqual([]);
  }, 120_000);
});
