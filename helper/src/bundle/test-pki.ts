// Test support: a throw-away PKI made with the openssl command line (a root CA and a company signing
// certificate, ECDSA P-256) and a ManifestSigner that signs with `openssl cms -sign -cades`: an independent
// CAdES implementation, so the verifier is tested against output it did not produce itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManifestSigner } from './asic-writer.ts';

export interface TestPki {
  dir: string;
  caCertPem: string;
  signerCertPem: string;
  signerKeyPem: string;
  /** CA then signer, PEM, for `openssl cms -verify -CAfile`. */
  caFile: string;
  signerCertFile: string;
  signer: ManifestSigner;
  /** Removes the temporary folder. */
  close(): void;
}

function openssl(args: string[], cwd: string) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createTestPki(name = 'Test Company SA'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-pki-'));
  writeFileSync(join(dir, 'ext.cnf'), ['[signer]', 'basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,nonRepudiation', '[ca]', 'basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', ''].join('\n'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Test Root CA/O=e-Box Keeper tests', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-subj', `/CN=${name}/O=${name}/serialNumber=0123456789`], dir);
  openssl(['x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'signer.pem', '-days', '825', '-extfile', 'ext.cnf', '-extensions', 'signer'], dir);
  const signer: ManifestSigner = {
    async sign(manifest) {
      writeFileSync(join(dir, 'manifest.xml'), manifest);
      openssl(['cms', '-sign', '-binary', '-cades', '-md', 'sha256', '-in', 'manifest.xml', '-signer', 'signer.pem', '-inkey', 'signer.key', '-certfile', 'ca.pem', '-outform', 'DER', '-out', 'manifest.p7s'], dir);
      return readFileSync(join(dir, 'manifest.p7s'));
    },
  };
  return {
    dir,
    caCertPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    signerCertPem: readFileSync(join(dir, 'signer.pem'), 'utf8'),
    signerKeyPem: readFileSync(join(dir, 'signer.key'), 'utf8'),
    caFile: join(dir, 'ca.pem'),
    signerCertFile: join(dir, 'signer.pem'),
    signer,
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
