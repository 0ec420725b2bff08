import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { opensslPkcs12, opensslPkcs12FromPem } from './openssl-pkcs12.fixture.ts';
import { createDevelopmentIdentity } from './development-identity.ts';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPkcs12, Pkcs12Error } from './pkcs12-import.ts';
import { loadIdentity, loadOrCreateIdentity, saveIdentity } from './identity-store.ts';
import { DEVELOPMENT_SUBJECT_MARK, summarise } from './identity.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('identity', () => {
  it('creates a development identity once, flagged in its subject, and reloads it with the key 0600', async () => {
    const data = join(dir, 'dev');
    const created = await loadOrCreateIdentity(data);
    const summary = summarise(created);
    expect(summary.development).toBe(true);
    expect(summary.subject).toContain(DEVELOPMENT_SUBJECT_MARK);
    expect(summary.chainLength).toBe(2);
    expect(statSync(join(data, 'identity', 'key.pem')).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateIdentity(data);
    expect(summarise(again).certificateSha256).toBe(summary.certificateSha256);
    expect(JSON.stringify(summary)).not.toMatch(/PRIVATE KEY/);
  });

  it.each([
    ['RSA 2048', ['rsa:2048'], 'rsa-pkcs1-sha256'],
    ['EC P-384', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'ecdsa-p384-sha384'],
    ['EC P-256', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ecdsa-p256-sha256'],
  ])('imports an OpenSSL PKCS#12 with a %s key', (name, alg, scheme) => {
    const p12 = opensslPkcs12(dir, alg, 'correct horse', name.replace(/\W/g, ''));
    const identity = importPkcs12(p12, 'correct horse');
    expect(identity.scheme).toBe(scheme);
    expect(identity.development).toBe(false);
    expect(summarise(identity).subject).toContain(`CN=${name.replace(/\W/g, '')}`);
    const data = join(dir, `imported-${scheme}`);
    saveIdentity(data, identity);
    expect(loadIdentity(data)!.scheme).toBe(scheme);
  });

  it('honours PSS for RSA keys when asked', () => {
    const p12 = opensslPkcs12(dir, ['rsa:2048'], 'pw', 'pss');
    expect(importPkcs12(p12, 'pw', 'rsa-pss-sha256').scheme).toBe('rsa-pss-sha256');
  });

  it('says clearly when the password is wrong or the file is corrupt', () => {
    const p12 = opensslPkcs12(dir, ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'right', 'pw');
    expect(() => importPkcs12(p12, 'wrong')).toThrow(new Pkcs12Error('wrong password for this PKCS#12 file'));
    const corrupt = Buffer.from(p12);
    corrupt.fill(0x41, 20, 60);
    expect(() => importPkcs12(corrupt, 'right')).toThrow(Pkcs12Error);
    expect(() => importPkcs12(Buffer.from('not a p12 at all'), 'right')).toThrow(/not a readable PKCS#12 file/);
  });

  it('refuses an RSA key under 2048 bits', () => {
    const p12 = opensslPkcs12(dir, ['rsa:1024'], 'pw', 'weak');
    expect(() => importPkcs12(p12, 'pw')).toThrow(/too weak/);
  });

  it('refuses an expired certificate', async () => {
    const old = await createDevelopmentIdentity(new Date(Date.now() - 4 * 365 * 86_400_000));
    const certPem = new X509Certificate(old.chain[0]!).toString();
    const keyPem = old.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const p12 = opensslPkcs12FromPem(dir, certPem, keyPem, 'pw', 'expired');
    expect(() => importPkcs12(p12, 'pw')).toThrow(/the certificate expired on/);
  });
});
