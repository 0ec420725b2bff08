// The two bundle commands end to end, as an auditor and an administrator run them: export-bundle from a stopped
// helper's data directory, then verify-bundle on the file alone, human and JSON output, exit codes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleVerificationSchema } from '../../../shared/bundle/verification.ts';
import { acknowledge, createFixture, type Fixture } from '../bundle/test-fixture.ts';
import { exportBundleCommand } from './export-bundle.ts';
import { exportBundle, type BundleSigner } from '../bundle/bundle-exporter.ts';
import { storeBundleInput } from '../bundle/store-source.ts';
import { signDetached } from '../cms/signer.ts';
import { importPkcs12 } from '../identity/pkcs12-import.ts';
import { opensslPkcs12 } from '../identity/openssl-pkcs12.fixture.ts';
import { verifyBundleCommand } from './verify-bundle.ts';

let f: Fixture;
let out: string;

async function run(command: typeof verifyBundleCommand, argv: string[]): Promise<{ code: number; stdout: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  try {
    return { code: await command.run(argv), stdout: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  f = await createFixture();
  await acknowledge(f, { messageId: 'CLI-1', documents: [{ fileName: 'lettre.pdf', bytes: Buffer.from('%PDF-1.4 lettre') }], receiptDate: '2026-03-01T10:00:00+01:00' });
  await acknowledge(f, { messageId: 'CLI-2', documents: [{ fileName: 'avis.pdf', bytes: Buffer.from('%PDF-1.4 avis') }], receiptDate: '2026-06-01T10:00:00+02:00' });
  // A stranger: an ordinary-looking certificate made by OpenSSL, valid signature, but nobody pinned it.
  const stranger = importPkcs12(opensslPkcs12(f.dir, ['rsa:2048'], 'pw', 'Stranger'), 'pw');
  const signer: BundleSigner = { sign: (m) => signDetached(m, stranger, { tsaUrl: f.tsa.url }), certificates: stranger.chain, subject: 'CN=Stranger' };
  await exportBundle(join(f.dir, 'stranger.asice'), await storeBundleInput(f.ctx, {}), signer);
  // The administrator stops the helper before exporting from its data directory.
  await f.ctx.store.close();
  writeFileSync(join(f.dir, 'ca.pem'), f.caPem);
  out = join(f.dir, 'audit.asice');
}, 30_000);
afterAll(() => f?.close().catch(() => {}));

describe('export-bundle and verify-bundle', () => {
  it('exports the selected messages and verifies them with the company CA pinned', async () => {
    const exported = await run(exportBundleCommand, ['--out', out, '--from', '2026-05-01', '--data-dir', f.ctx.dataDir, '--tsa-url', f.tsa.url, '--port', '1', '--company-name', 'Brasserie Exemple SRL']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/wrote .*audit\.asice: 1 messages/);
    const verified = await run(verifyBundleCommand, [out, '--trust', join(f.dir, 'ca.pem')]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^TOTAL_PASSED/);
    expect(verified.stdout).toMatch(/pinned with --trust/);
  });

  it('without --trust, exits 2 INDETERMINATE for the development identity, in schema-valid JSON', async () => {
    const { code, stdout } = await run(verifyBundleCommand, [out, '--json']);
    expect(code).toBe(2);
    const v = bundleVerificationSchema.parse(JSON.parse(stdout));
    expect(v.indication).toBe('INDETERMINATE');
    expect(v.counts.messages).toBe(1);
    expect(v.signer?.pinned).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ check: 'trust', status: 'indeterminate', message: expect.stringMatching(/development identity/) }));
  });

  it('exits 2 INDETERMINATE for a bundle signed by a stranger, and 1 when the company CA is pinned instead', async () => {
    const target = join(f.dir, 'stranger.asice');
    const human = await run(verifyBundleCommand, [target]);
    expect(human.code).toBe(2);
    expect(human.stdout).toMatch(/^INDETERMINATE/);
    expect(human.stdout).toMatch(/INDETERMINATE\s+META-INF\/signature\.p7s: signer not trusted \(no certificate pinned\)/);
    expect(human.stdout).not.toMatch(/TOTAL_PASSED/);
    expect((await run(verifyBundleCommand, [target, '--trust', join(f.dir, 'ca.pem')])).code).toBe(1);
    // The same verdict in French, as `--lang fr` (or LANG=fr_BE.UTF-8) asks.
    const french = await run(verifyBundleCommand, [target, '--lang', 'fr']);
    expect(french.code).toBe(2);
    expect(french.stdout).toMatch(/^INDETERMINATE \(indéterminé\)/);
    expect(french.stdout).toMatch(/signataire non reconnu \(aucun certificat épinglé\)/);
    expect(french.stdout).toMatch(/INDÉTERMINÉ\s+META-INF\/signature\.p7s: signataire non reconnu/);
  }, 60_000);

  it('when the time-stamping authority does not answer, says so in the user\'s language with what to do, and writes nothing', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    const target = join(f.dir, 'no-tsa.asice');
    try {
      const code = await exportBundleCommand.run(['--out', target, '--data-dir', f.ctx.dataDir, '--tsa-url', 'http://127.0.0.1:1/tsa', '--port', '1', '--lang', 'nl']);
      expect(code).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/De tijdstempeldienst http:\/\/127\.0\.0\.1:1\/tsa antwoordde niet .*ebox-keeper start --tsa-url URL/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('exits 1 and names the altered file', async () => {
    const bytes = readFileSync(out);
    const at = bytes.indexOf('%PDF-1.4 avis');
    bytes[at + 5] = bytes[at + 5]! ^ 0x01;
    const tampered = join(f.dir, 'tampered.asice');
    writeFileSync(tampered, bytes);
    const { code, stdout } = await run(verifyBundleCommand, [tampered, '--trust', join(f.dir, 'ca.pem')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^TOTAL_FAILED/);
    expect(stdout).toMatch(/FAILED\s+messages\/CLI-2\/documents\/avis\.pdf: SHA-256 does not match the manifest/);
  });

  it('refuses an empty selection and a missing --out as usage errors', async () => {
    await expect(exportBundleCommand.run(['--out', join(f.dir, 'none.asice'), '--sender', '0999999999', '--data-dir', f.ctx.dataDir, '--tsa-url', f.tsa.url, '--port', '1'])).rejects.toThrow(/no acknowledged message matches/);
    await expect(exportBundleCommand.run(['--data-dir', f.ctx.dataDir])).rejects.toThrow(/--out FILE is required/);
    await expect(verifyBundleCommand.run([join(f.dir, 'missing.asice')])).rejects.toThrow(/cannot read/);
  });
});
