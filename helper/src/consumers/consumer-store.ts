// Consumer accounts on disk, kept like the signing identity: <data dir>/consumers/<CBE>/ (mode 0700) with
// account.json, key.pem (PKCS#8) and chain.pem, all mode 0600. The key is read only here, to sign client
// assertions; it is never returned by a route nor logged.
import { X509Certificate, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from '../store/proof-store.ts';
import { fsyncDirectory } from '../store/record-log.ts';
import { consumerAccountSchema, isCbe, type ConsumerAccount } from './consumer-account.ts';

export interface ConsumerCredentials {
  account: ConsumerAccount;
  privateKey: KeyObject;
  certificate: X509Certificate;
}

export class ConsumerAccountError extends Error {
  override name = 'ConsumerAccountError';
}

export function consumersDir(dataDir: string): string {
  return join(dataDir, 'consumers');
}

function accountDir(dataDir: string, enterprise: string): string {
  if (!isCbe(enterprise)) throw new ConsumerAccountError(`not a CBE number: ${enterprise}`);
  return join(consumersDir(dataDir), enterprise);
}

export interface NewConsumerAccount {
  enterprise: string;
  clientId: string;
  tokenUrl: string;
  audience?: string;
  federationUrl: string;
  registries: string[];
  p12: Uint8Array;
  password: string;
}

/** Reads the PKCS#12 (RSA only: the docs' assertions are RS256) and saves the account, replacing one of that name. */
export async function addConsumerAccount(dataDir: string, input: NewConsumerAccount): Promise<ConsumerAccount> {
  // node-forge (some 10 MB) loads with the first account added, not with every helper start (the sync service
  // lists the accounts at start).
  const { importPkcs12 } = await import('../identity/pkcs12-import.ts');
  let identity;
  try {
    identity = importPkcs12(input.p12, input.password);
  } catch (err) {
    throw new ConsumerAccountError(`consumer account ${input.enterprise}: ${(err as Error).message}`);
  }
  if (identity.privateKey.asymmetricKeyType !== 'rsa') {
    throw new ConsumerAccountError(`consumer account ${input.enterprise}: the key is ${identity.privateKey.asymmetricKeyType}, but e-Box client assertions are RS256 (an RSA key)`);
  }
  const cert = new X509Certificate(identity.chain[0]!);
  const account = consumerAccountSchema.parse({
    enterprise: input.enterprise,
    clientId: input.clientId,
    tokenUrl: input.tokenUrl,
    ...(input.audience ? { audience: input.audience } : {}),
    federationUrl: input.federationUrl,
    registries: input.registries,
    addedAt: new Date().toISOString(),
    certificate: { subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString(), sha256: createHash('sha256').update(cert.raw).digest('hex') },
  });
  const root = consumersDir(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  const dir = accountDir(dataDir, input.enterprise);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  writeDurably(join(dir, 'key.pem'), identity.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
  writeDurably(join(dir, 'chain.pem'), identity.chain.map((der) => new X509Certificate(der).toString()).join(''), 0o600);
  // account.json last: an account exists once it is written, with its key already in place.
  writeDurably(join(dir, 'account.json'), JSON.stringify(account, null, 2) + '\n', 0o600);
  return account;
}

export function listConsumerAccounts(dataDir: string): ConsumerAccount[] {
  const root = consumersDir(dataDir);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => isCbe(name) && existsSync(join(root, name, 'account.json')))
    .sort()
    .map((name) => consumerAccountSchema.parse(JSON.parse(readFileSync(join(root, name, 'account.json'), 'utf8'))));
}

export function loadConsumerCredentials(dataDir: string, enterprise: string): ConsumerCredentials {
  const dir = accountDir(dataDir, enterprise);
  if (!existsSync(join(dir, 'account.json'))) throw new ConsumerAccountError(`no consumer account for ${enterprise} (ebox-keeper consumer add)`);
  const account = consumerAccountSchema.parse(JSON.parse(readFileSync(join(dir, 'account.json'), 'utf8')));
  const pem = readFileSync(join(dir, 'chain.pem'), 'utf8');
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!first) throw new ConsumerAccountError(`consumer account ${enterprise}: chain.pem holds no certificate`);
  return { account, privateKey: createPrivateKey(readFileSync(join(dir, 'key.pem'))), certificate: new X509Certificate(first[0]) };
}

export function removeConsumerAccount(dataDir: string, enterprise: string): boolean {
  const dir = accountDir(dataDir, enterprise);
  if (!existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  fsyncDirectory(consumersDir(dataDir));
  return true;
}
