// The identity on disk, in <data dir>/identity/: key.pem (PKCS#8, mode 0600, never read by anything but this
// module), chain.pem (signer first) and identity.json (scheme and whether it is the development identity).
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNATURE_SCHEMES, type SignatureScheme } from '../../../shared/helper-api/identity.ts';
import { writeDurably } from '../store/proof-store.ts';
import { checkKeyMatchesCertificate, type Identity } from './identity.ts';

interface IdentityFile {
  scheme: SignatureScheme;
  development: boolean;
  savedAt: string;
}

export function identityDir(dataDir: string): string {
  return join(dataDir, 'identity');
}

export function saveIdentity(dataDir: string, identity: Identity): void {
  const dir = identityDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const keyPem = identity.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  const chainPem = identity.chain.map((der) => new X509Certificate(der).toString()).join('');
  // Key first: a crash between the writes leaves the old chain, which the key check on load then refuses loudly.
  writeDurably(join(dir, 'key.pem'), keyPem, 0o600);
  writeDurably(join(dir, 'chain.pem'), chainPem, 0o644);
  const meta: IdentityFile = { scheme: identity.scheme, development: identity.development, savedAt: new Date().toISOString() };
  writeDurably(join(dir, 'identity.json'), JSON.stringify(meta, null, 2) + '\n', 0o644);
}

export function loadIdentity(dataDir: string): Identity | null {
  const dir = identityDir(dataDir);
  const keyPath = join(dir, 'key.pem');
  if (!existsSync(join(dir, 'identity.json'))) return null;
  if ((statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
  const meta = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as IdentityFile;
  if (!SIGNATURE_SCHEMES.includes(meta.scheme)) throw new Error(`${dir}/identity.json names an unknown scheme ${meta.scheme}`);
  const pem = readFileSync(join(dir, 'chain.pem'), 'utf8');
  const chain = [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => Buffer.from(new X509Certificate(m[0]).raw));
  if (chain.length === 0) throw new Error(`${dir}/chain.pem holds no certificate`);
  const identity: Identity = { privateKey: createPrivateKey(readFileSync(keyPath)), chain, scheme: meta.scheme, development: meta.development };
  checkKeyMatchesCertificate(identity);
  return identity;
}

/** The saved identity, or a new development identity saved for next time. */
export async function loadOrCreateIdentity(dataDir: string): Promise<Identity> {
  const existing = loadIdentity(dataDir);
  if (existing) return existing;
  // Only a first start makes one: the X.509 library it needs is not loaded otherwise.
  const { createDevelopmentIdentity } = await import('./development-identity.ts');
  const created = await createDevelopmentIdentity();
  saveIdentity(dataDir, created);
  return created;
}
