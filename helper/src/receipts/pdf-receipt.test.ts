import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import { summarise, type Identity } from '../identity/identity.ts';
import { buildReceipt } from './receipt.ts';
import { buildReceiptPdf } from './pdf-receipt.ts';
import { signPdf } from './pades.ts';
import { acknowledgeRequest } from './receipt.fixture.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { verifyCms } from '../cms/verifier.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-pdf-'));
let identity: Identity;
let tsa: RunningTsa;
beforeAll(async () => {
  identity = await createDevelopmentIdentity();
  tsa = await startTsa();
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

function pdfsig(pdf: Buffer, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  const r = spawnSync('pdfsig', [path]);
  return `${r.stdout}${r.stderr}`;
}

const proof = { leafIndex: 3, treeSize: 4, rootHash: Buffer.alloc(32, 1), signerSubject: 'CN=test' };

describe('PAdES receipt', () => {
  it.each(['fr', 'nl', 'de', 'en'] as const)('makes a %s receipt that pdfsig reports validly signed over the whole file', async (language) => {
    const receipt = buildReceipt(acknowledgeRequest({ language }), summarise(identity));
    const pdf = await signPdf(await buildReceiptPdf(receipt, proof), identity, { tsaUrl: language === 'fr' ? tsa.url : undefined });
    const out = pdfsig(pdf, `${language}.pdf`);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
    // The embedded CMS: CAdES with signing-certificate-v2 and, for fr, a signature time-stamp.
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1'))!;
    const [a, b] = [Number(m[1]), Number(m[2])];
    const cmsHex = pdf.subarray(a + 1, b - 1).toString('latin1').replace(/(00)+$/, '');
    const v = verifyCms(Buffer.from(cmsHex.length % 2 ? cmsHex + '0' : cmsHex, 'hex'), Buffer.concat([pdf.subarray(0, a), pdf.subarray(b)]));
    expect(Boolean(v.timestamp)).toBe(language === 'fr');
  });

  it('shows the change when one byte of the signed PDF is altered', async () => {
    const receipt = buildReceipt(acknowledgeRequest(), summarise(identity));
    const pdf = await signPdf(await buildReceiptPdf(receipt, proof), identity);
    // Inside the page's content stream (the text), well within the first signed byte range.
    const at = pdf.indexOf('stream', pdf.indexOf('/Length')) + 20;
    pdf[at]! ^= 0x01;
    const out = pdfsig(pdf, 'altered.pdf');
    expect(out).toMatch(/Signature Validation: Digest Mismatch/);
    expect(out).not.toMatch(/Signature is Valid/);
  });
});
