// Test support: a PKCS#12 made by the OpenSSL CLI, the way a company's certificate would reach the helper.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function opensslPkcs12(workDir: string, keyAlg: string[], password: string, name: string): Buffer {
  const key = join(workDir, `${name}.key`);
  const crt = join(workDir, `${name}.crt`);
  const p12 = join(workDir, `${name}.p12`);
  const quiet = { stdio: 'pipe' as const };
  execFileSync('openssl', ['req', '-x509', '-newkey', ...keyAlg, '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', `/CN=${name}/O=Test company/C=BE`], quiet);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', `pass:${password}`], quiet);
  return readFileSync(p12);
}

/** A PKCS#12 of a given certificate and key (PEM), packed by OpenSSL. */
export function opensslPkcs12FromPem(workDir: string, certPem: string, keyPem: string, password: string, name: string): Buffer {
  const key = join(workDir, `${name}.key`);
  const crt = join(workDir, `${name}.crt`);
  const p12 = join(workDir, `${name}.p12`);
  writeFileSync(key, keyPem, { mode: 0o600 });
  writeFileSync(crt, certPem);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', p12, '-passout', `pass:${password}`], { stdio: 'pipe' });
  return readFileSync(p12);
}
