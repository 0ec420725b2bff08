// `npm start`, the main job: builds the extension (the build that also reaches the local sandbox), then runs the
// local helper and the e-Box sandbox with its demo data side by side until Ctrl-C, gives the helper the sandbox
// QERDS provider's trusted list (so its evidences verify) and the project's test time-stamping authority (test/tsa,
// so receipts are CAdES-B-T and evidence bundles export without any setting), gives the helper an e-Box Document
// Consumer account per sandbox company (one OAuth client of the first company, consulting the others under a
// mandate) before it starts, so its first sync and `ebox-keeper sync` work at once, and says what to do next.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import forge from 'node-forge';
import { addConsumerAccount, listConsumerAccounts } from '../helper/src/consumers/consumer-store.ts';
import { dataDirFrom } from '../helper/src/cli/command.ts';
import { trustedListPath, trustedListSignerPath } from '../helper/src/evidence/trusted-list-source.ts';
import { startTsa, type RunningTsa } from '../test/tsa/server.ts';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

console.log('Building the extension (npm run build:sandbox)...');
const build = spawnSync(bin('wxt'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, WXT_EBOX_SANDBOX: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The sandbox's trusted list says so in its root element; a real (national) list never does. */
const SANDBOX_LIST_MARK = 'Id="sandbox-tl"';

/**
 * Puts the sandbox QERDS provider's trusted list and the certificate that signed it (pinned: the helper then refuses
 * any list it did not sign) into the helper's data folder, where the helper reads them on each verification. The
 * sandbox makes a new PKI on every start, so an earlier sandbox list is replaced; a real list is never touched.
 */
async function installSandboxTrustedList(qerdsBase: string): Promise<void> {
  const dir = dataDirFrom(undefined);
  const listPath = trustedListPath(dir);
  if (existsSync(listPath) && !readFileSync(listPath, 'utf8').includes(SANDBOX_LIST_MARK)) {
    console.log(`[start] ${listPath} is not the sandbox's trusted list: kept; the sandbox's evidences will not verify against it.`);
    return;
  }
  const res = await fetch(`${qerdsBase}/trusted-list.xml`);
  if (!res.ok) throw new Error(`the sandbox QERDS provider answered ${res.status} for its trusted list`);
  const xml = await res.text();
  // The list's own XML signature carries its signer's certificate (the service certificates are outside it).
  const signature = /<(\w+:)?Signature\b[\s\S]*?<\/\1?Signature>/.exec(xml)?.[0];
  const certificate = signature && /<(?:\w+:)?X509Certificate>([^<]+)</.exec(signature)?.[1]?.replace(/\s+/g, '');
  if (!certificate) throw new Error("the sandbox's trusted list carries no signer certificate");
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(trustedListSignerPath(dir), pem);
  writeFileSync(listPath, xml);
  console.log(`[start] the sandbox QERDS provider's trusted list and its signer are in ${dir}`);
}

/**
 * The sandbox consumer client's certificate and PKCS#12, made once and kept in the helper's data folder
 * (sandbox-consumer/, user-only); a new one replaces it when it is about to expire.
 */
const CONSUMER_P12_PASSWORD = 'sandbox';
function sandboxConsumerIdentity(): { certPath: string; p12Path: string } {
  const dir = join(dataDirFrom(undefined), 'sandbox-consumer');
  const certPath = join(dir, 'client.crt');
  const p12Path = join(dir, 'client.p12');
  if (existsSync(certPath) && existsSync(p12Path) && Date.parse(new X509Certificate(readFileSync(certPath)).validTo) > Date.now() + 7 * 86_400_000) return { certPath, p12Path };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = Date.now().toString(16);
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const name = [{ name: 'commonName', value: 'e-Box Keeper sandbox consumer' }, { name: 'countryName', value: 'BE' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], CONSUMER_P12_PASSWORD, { algorithm: 'aes256' });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(certPath, forge.pki.certificateToPem(cert), { mode: 0o600 });
  writeFileSync(p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
  return { certPath, p12Path };
}

/** One consumer account per sandbox company, from the line the sandbox prints; a real (non-sandbox) account of the
 *  same company is never replaced. */
async function installSandboxConsumerAccounts(line: string, p12Path: string): Promise<void> {
  const m = /^Document Consumer client: (\S+) token (\S+) federation (\S+) enterprises (\S+)/.exec(line);
  if (!m) throw new Error('the sandbox did not print its Document Consumer access');
  const [, clientId, tokenUrl, federationUrl, enterprises] = m as unknown as [string, string, string, string, string];
  const dir = dataDirFrom(undefined);
  const sandboxOrigin = new URL(tokenUrl).origin;
  const existing = new Map(listConsumerAccounts(dir).map((a) => [a.enterprise, a]));
  const added: string[] = [];
  for (const enterprise of enterprises.split(',')) {
    const other = existing.get(enterprise);
    if (other && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(new URL(other.tokenUrl).origin) && new URL(other.tokenUrl).origin !== sandboxOrigin) {
      console.log(`[start] consumer account ${enterprise} is not a sandbox account: kept as it is`);
      continue;
    }
    await addConsumerAccount(dir, { enterprise, clientId, tokenUrl, federationUrl, registries: [], p12: readFileSync(p12Path), password: CONSUMER_P12_PASSWORD });
    added.push(enterprise);
  }
  console.log(`[start] consumer accounts for the sandbox (client ${clientId}): ${added.join(', ')}; the helper syncs them as it starts, then every 6 hours`);
}

const children: ChildProcess[] = [];
let tsa: RunningTsa | undefined;
const waiting = new Set<string>();
const printed: string[] = [];
function run(label: string, command: string, args: string[], readyLine: RegExp, onReady?: () => void): void {
  waiting.add(label);
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        console.log(`[${label}] ${line}`);
        printed.push(line);
        if (!readyLine.test(line) || !waiting.delete(label)) continue;
        onReady?.();
        if (waiting.size === 0) void allReady();
      }
    });
  }
  child.on('exit', (code, signal) => {
    console.log(`[${label}] stopped (${signal ?? code})`);
    shutdown(code ?? 1);
  });
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  void tsa?.close();
  setTimeout(() => process.exit(code), 500).unref();
}
process.once('SIGINT', () => shutdown(0));
process.once('SIGTERM', () => shutdown(0));

async function allReady(): Promise<void> {
  const qerds = printed.map((l) => /QERDS provider: (\S+?)\/?$/.exec(l)?.[1]).find(Boolean);
  try {
    if (!qerds) throw new Error('the sandbox did not print its QERDS provider address');
    await installSandboxTrustedList(qerds);
  } catch (error) {
    console.log(`[start] no trusted list for the helper (${(error as Error).message}): qualified evidences will be refused until one is in its data folder.`);
  }
  printNextSteps();
}

// A short pause lets the helper's last lines (warning, pairing code) print first.
function printNextSteps(): void {
  setTimeout(() => console.log(`
Next:
  1. In Chromium or Chrome open chrome://extensions, turn on Developer mode, "Load unpacked":
       ${resolve(root, '.output-sandbox/chrome-mv3')}
  2. Open the extension's options and enter the helper's pairing code printed above by [helper].
  3. Open the sandbox web app printed above by [sandbox], sign in by picking a company, and file your mail.
  4. The helper keeps every sandbox company's e-Box by itself (e-Box Document Consumer): the options page shows
     its last sync and "Sync now"; the archive page lists what it kept. With the helper stopped: ebox-keeper sync.
  (The store build for the real app.eboxenterprise.be: npm run build -> .output/chrome-mv3.)
Ctrl-C stops the helper and the sandbox.`), 300);
}

// The sandbox's time-stamping authority: a real RFC 3161 server with its own test PKI, on a free local port. A real
// installation configures a qualified one (helper/src/cms/tsa-config.ts) instead.
tsa = await startTsa();
console.log(`[tsa] test time-stamping authority (sandbox only, not qualified): ${tsa.url}`);

// The sandbox first: the helper starts once its consumer accounts exist, so its first sync (at start) has them.
// Both print their addresses (and the helper its pairing code) before these lines.
const consumer = sandboxConsumerIdentity();
const startHelper = () => run('helper', process.execPath, [resolve(root, 'helper/bin/ebox-keeper.js'), 'start', '--tsa-url', tsa!.url], /^signing identity/);
run('sandbox', bin('tsx'), [resolve(root, 'test/sandbox/main.ts'), '--consumer-certificate', consumer.certPath], /^Ctrl-C stops it/, () => {
  installSandboxConsumerAccounts(printed.find((l) => l.startsWith('Document Consumer client: ')) ?? '', consumer.p12Path)
    .catch((error: unknown) => console.log(`[start] no consumer account for the sandbox (${(error as Error).message}): the helper will not sync by itself.`))
    .finally(startHelper);
});
