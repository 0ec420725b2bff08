// Test support: a sandbox with Document Consumer access, one OAuth client (a service provider's, with a mandate
// for a second enterprise) whose PKCS#12 is made by the OpenSSL CLI, and a helper data directory with both accounts.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../test/sandbox/start-sandbox.ts';
import { opensslPkcs12 } from '../identity/openssl-pkcs12.fixture.ts';
import { addConsumerAccount } from '../consumers/consumer-store.ts';

export const OWN = '0412345614';
export const CLIENT = '0751234514';
export const OTHER = '0823456754';
export const CLIENT_ID = 'ebox-keeper:test:sp';
export const P12_PASSWORD = 'consumer secret';

export interface SyncFixture {
  sandbox: Sandbox;
  dataDir: string;
  work: string;
  p12Path: string;
  close(): Promise<void>;
}

export async function syncFixture(options: SandboxOptions = {}, accounts: string[] = [OWN, CLIENT]): Promise<SyncFixture> {
  const sandbox = await startSandbox({ seed: 5, size: 30, secondProviderSize: 12, now: new Date(), ...options });
  const work = mkdtempSync(join(tmpdir(), 'ebox-sync-'));
  const dataDir = join(work, 'data');
  opensslPkcs12(work, ['rsa:2048'], P12_PASSWORD, 'client');
  const p12Path = join(work, 'client.p12');
  sandbox.consumer.registerClient({ clientId: CLIENT_ID, enterprise: OWN, certificate: new X509Certificate(readFileSync(join(work, 'client.crt'))), mandates: [CLIENT] });
  for (const enterprise of accounts) {
    await addConsumerAccount(dataDir, { enterprise, clientId: CLIENT_ID, tokenUrl: sandbox.consumer.tokenUrl, federationUrl: sandbox.consumer.federationUrl, registries: [], p12: readFileSync(p12Path), password: P12_PASSWORD });
  }
  await installTrustedList(sandbox.qerdsUrl, dataDir);
  return {
    sandbox,
    dataDir,
    work,
    p12Path,
    async close() {
      await sandbox.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The sandbox QERDS provider's trusted list and its pinned signer, where the helper reads them (as npm start does). */
async function installTrustedList(qerdsUrl: string, dataDir: string): Promise<void> {
  const xml = await (await fetch(`${qerdsUrl}/qerds/trusted-list.xml`)).text();
  const signature = /<(\w+:)?Signature\b[\s\S]*?<\/\1?Signature>/.exec(xml)?.[0];
  const certificate = signature && /<(?:\w+:)?X509Certificate>([^<]+)</.exec(signature)?.[1]?.replace(/\s+/g, '');
  if (!certificate) throw new Error("the sandbox's trusted list carries no signer certificate");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(trustedListSignerPath(dataDir), `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`);
  writeFileSync(trustedListPath(dataDir), xml);
}
