// The receipt downloads as a user receives them: unzipped with unzip, checked with the very OpenSSL commands the
// README shows, and nothing else.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge, createFixture, type Fixture } from '../bundle/test-fixture.ts';
import { verifyCms } from '../cms/verifier.ts';
import { VERIFY_P7M_COMMAND, VERIFY_ZIP_COMMAND } from './receipt-downloads.ts';

let f: Fixture;
let receiptId: string;
const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

beforeAll(async () => {
  f = await createFixture();
  receiptId = (await acknowledge(f, { messageId: 'DL-1', documents: [{ fileName: 'lettre.pdf', bytes: Buffer.from('%PDF-1.4 lettre') }] })).receiptId;
}, 30_000);
afterAll(() => f?.close());

/** Runs a README command line in `cwd` (split on spaces: the commands have no quoted arguments). */
function run(command: string, cwd: string) {
  const [bin, ...args] = command.split(' ');
  return spawnSync(bin!, args, { cwd, encoding: 'utf8' });
}

describe('receipt downloads', () => {
  it('the README shows the exact commands that verify them', () => {
    expect(README).toContain(VERIFY_ZIP_COMMAND);
    expect(README).toContain(VERIFY_P7M_COMMAND);
  });

  it('receipt.zip: unzipped, the README command verifies receipt.json against receipt.p7s; altered, it fails', async () => {
    const zip = (await f.ctx.receipts.zip(receiptId))!;
    const dir = join(f.dir, 'zip');
    mkdirSync(dir);
    writeFileSync(join(dir, 'receipt.zip'), zip);
    execFileSync('unzip', ['-q', 'receipt.zip'], { cwd: dir });
    const files = (await f.ctx.receipts.files(receiptId))!;
    expect(readFileSync(join(dir, 'receipt.json')).equals(files.json)).toBe(true);
    expect(readFileSync(join(dir, 'README.txt'), 'utf8')).toContain(VERIFY_ZIP_COMMAND);
    expect(readFileSync(join(dir, 'checkpoint.txt'), 'utf8')).toMatch(/^ebox-keeper\.local\/[\s\S]*\n\n— /);
    const ok = run(VERIFY_ZIP_COMMAND, dir);
    expect(ok.stderr).toMatch(/Verification successful/);
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, 'receipt.json'), files.json.toString('utf8').replace('DL-1', 'DL-2'));
    const bad = run(VERIFY_ZIP_COMMAND, dir);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/digest failure|verification failure/i);
  });

  it('receipt.p7m: the README command verifies it and writes out receipt.json; its signature is the one in the log', async () => {
    const p7m = (await f.ctx.receipts.p7m(receiptId))!;
    const files = (await f.ctx.receipts.files(receiptId))!;
    const dir = join(f.dir, 'p7m');
    mkdirSync(dir);
    writeFileSync(join(dir, 'receipt.p7m'), p7m);
    execFileSync('unzip', ['-q', '-o', join(f.dir, 'zip', 'receipt.zip'), 'signer-chain.pem', '-d', dir]);
    const r = run(VERIFY_P7M_COMMAND, dir);
    expect(r.stderr).toMatch(/Verification successful/);
    expect(readFileSync(join(dir, 'receipt.json')).equals(files.json)).toBe(true);
    expect(verifyCms(p7m).signatureValue.equals(verifyCms(files.p7s, files.json).signatureValue)).toBe(true);
  });
});
