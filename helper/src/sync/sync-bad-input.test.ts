// Providers that misbehave, seen through a proxy in front of the sandbox's registry that answers as a troubled
// provider would (busy with Retry-After, an HTML error page, garbage), and consumer accounts that cannot sign in.
// Each gets a message naming the account, the provider and the message, and nothing already kept is lost.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { afterEach, expect, it } from 'vitest';
import { createContext, type HelperContext } from '../context.ts';
import { addConsumerAccount } from '../consumers/consumer-store.ts';
import { opensslPkcs12FromPem } from '../identity/openssl-pkcs12.fixture.ts';
import { keptMessages } from './kept-messages.ts';
import { SyncDb } from './sync-db.ts';
import { syncAll, type SyncRunOptions } from './sync-runner.ts';
import { problemLines, totals } from './sync-report.ts';
import { CLIENT_ID, OWN, P12_PASSWORD, syncFixture, type SyncFixture } from './sync.fixture.ts';

type Fault = (req: { url: string; n: number }) => { status: number; headers?: Record<string, string>; body: string } | undefined;

let fx: SyncFixture | undefined;
let ctx: HelperContext | undefined;
let db: SyncDb | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  db?.close();
  if (ctx) {
    await ctx.store.close();
    await ctx.receipts.close();
  }
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await fx?.close();
  fx = ctx = db = proxy = undefined;
});

/** A provider in front of the sandbox's first registry: each request is passed on unless `fault` answers it. */
async function troubledProvider(upstream: string, fault: { current: Fault }) {
  const seen: { url: string; at: number }[] = [];
  proxy = createServer(async (req, res) => {
    const url = req.url ?? '/';
    seen.push({ url, at: Date.now() });
    const faulty = fault.current({ url, n: seen.filter((s) => s.url === url).length });
    if (faulty) {
      res.writeHead(faulty.status, faulty.headers ?? {}).end(faulty.body);
      return;
    }
    const answer = await fetch(upstream.replace(/\/+$/, '') + url, { headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host') as [string, string][]) });
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k))));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, seen };
}

async function openThrough(providerUrl: string): Promise<SyncRunOptions> {
  fx ??= await syncFixture({}, []);
  await addConsumerAccount(fx.dataDir, { enterprise: OWN, clientId: CLIENT_ID, tokenUrl: fx.sandbox.consumer.tokenUrl, federationUrl: fx.sandbox.consumer.federationUrl, registries: [providerUrl], p12: readFileSync(fx.p12Path), password: P12_PASSWORD });
  ctx = await createContext({ dataDir: fx.dataDir, port: 0, signingThreads: 0 });
  db = new SyncDb(fx.dataDir);
  return { dataDir: fx.dataDir, db, blobs: ctx.store.blobs, parallel: 4, retry: { attempts: 4, baseDelayMs: 50, maxDelayMs: 5_000 } };
}

const liveDocuments = (f: SyncFixture) => f.sandbox.data.mailbox.messages.filter((m) => m.expirationDate.getTime() > Date.now()).reduce((n, m) => n + m.documents.length, 0);
const keptCount = () => keptMessages(db!, { enterprise: OWN }).flatMap((m) => m.documents).filter((d) => d.state === 'kept').length;

it('waits as long as a busy provider asks (429 and 503 with Retry-After) and then keeps everything', { timeout: 120_000 }, async () => {
  fx = await syncFixture({}, []);
  const fault = { current: (({ url, n }) => {
    if (url.startsWith('/ebox/messages?') && n === 1) return { status: 429, headers: { 'Retry-After': '1' }, body: 'slow down' };
    if (url.endsWith('/content') && n === 1 && !busyDocument) {
      busyDocument = url;
      return { status: 503, headers: { 'Retry-After': '1' }, body: 'busy' };
    }
    return undefined;
  }) as Fault };
  let busyDocument: string | undefined;
  const provider = await troubledProvider(fx.sandbox.consumer.providerUrls[0]!, fault);
  const options = await openThrough(provider.url);
  const results = await syncAll(options);
  expect(problemLines(results)).toEqual([]);
  expect(keptCount()).toBe(liveDocuments(fx));
  // The second request came a full Retry-After later, not after the policy's 50 ms back-off.
  for (const url of [provider.seen.find((s) => s.url.startsWith('/ebox/messages?'))!.url, busyDocument!]) {
    const [first, second] = provider.seen.filter((s) => s.url === url);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  }
});

it('a provider answering an HTML page or garbage is named with what it said; what was kept stays, and a later run finishes', { timeout: 120_000 }, async () => {
  fx = await syncFixture({}, []);
  const fault = { current: (() => undefined) as Fault };
  const provider = await troubledProvider(fx.sandbox.consumer.providerUrls[0]!, fault);
  const options = await openThrough(provider.url);
  expect(problemLines(await syncAll(options))).toEqual([]);
  const kept = keptCount();
  expect(kept).toBe(liveDocuments(fx));

  fault.current = ({ url }) => (url.startsWith('/ebox/messages?') ? { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Maintenance in progress</body></html>' } : undefined);
  const html = await syncAll({ ...options, full: true });
  const line = problemLines(html).join('\n');
  expect(line).toMatch(new RegExp(`account ${OWN} \\(client ${CLIENT_ID}\\), provider 127\\.0\\.0\\.1:\\d+ .*not JSON: "<html><body>Maintenance`));
  expect(keptCount()).toBe(kept);
  // The troubled provider's own row (the federation may list others, and rows sort by their random ports).
  const row = db!.providers(OWN).find((p) => provider.url.includes(new URL(p.provider).host) || p.provider.includes(new URL(provider.url).host));
  expect(row?.lastError).toMatch(/not JSON/);

  fault.current = ({ url }) => (url.startsWith('/ebox/messages?') ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"items": "\u0000\u0001 garbage' } : undefined);
  expect(problemLines(await syncAll({ ...options, full: true })).join('\n')).toMatch(/provider 127\.0\.0\.1:\d+ .*not JSON/);
  fault.current = ({ url }) => (url.startsWith('/ebox/messages?') ? { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"total": 3}' } : undefined);
  expect(problemLines(await syncAll({ ...options, full: true })).join('\n')).toMatch(/JSON without an items list/);
  expect(keptCount()).toBe(kept);

  // A new message whose document the provider answers with an HTML error page: that message is named, kept later.
  const { buildMessage } = await import('../../../test/sandbox/data/generate.ts');
  const { addMessage } = await import('../../../test/sandbox/data/mailbox.ts');
  const mailbox = fx.sandbox.data.mailbox;
  const fresh = buildMessage({ seed: 41, company: mailbox.company, now: new Date(), links: { qerdsConsignment: (id) => id } }, 7000, { receiptDate: new Date() });
  addMessage(mailbox, fresh);
  fault.current = ({ url }) => (url.includes(encodeURIComponent(fresh.messageId)) ? { status: 500, headers: { 'Content-Type': 'text/html' }, body: '<html>Internal error</html>' } : undefined);
  const broken = await syncAll(options);
  expect(problemLines(broken).some((l) => l.includes(`provider 127.0.0.1`) && l.includes(`message ${fresh.messageId}: failed`) && /HTTP 500 "<html>Internal error/.test(l))).toBe(true);
  fault.current = () => undefined;
  const healed = await syncAll(options);
  expect(problemLines(healed)).toEqual([]);
  expect(totals(healed).documentsFetched).toBe(fresh.documents.length);
  expect(keptCount()).toBe(kept + fresh.documents.length);
});

it('an expired consumer certificate is refused when added, and when it expires later, naming the account and what to do; kept messages stay', { timeout: 120_000 }, async () => {
  fx = await syncFixture({}, []);
  const options = await openThrough(fx.sandbox.consumer.providerUrls[0]!);
  expect(problemLines(await syncAll(options))).toEqual([]);
  const kept = keptCount();

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificate = (notAfter: Date) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 400 * 86_400_000);
    cert.validity.notAfter = notAfter;
    const name = [{ name: 'commonName', value: 'expiring client' }, { name: 'countryName', value: 'BE' }];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
  };
  const account = (certPem: string, name: string) => ({
    enterprise: OWN, clientId: 'expiring-client', tokenUrl: fx!.sandbox.consumer.tokenUrl, federationUrl: fx!.sandbox.consumer.federationUrl,
    registries: [fx!.sandbox.consumer.providerUrls[0]!], p12: opensslPkcs12FromPem(fx!.work, certPem, keyPem, P12_PASSWORD, name), password: P12_PASSWORD,
  });
  await expect(addConsumerAccount(fx!.dataDir, account(certificate(new Date(Date.now() - 30 * 86_400_000)), 'expired'))).rejects.toThrow(new RegExp(`consumer account ${OWN}: the certificate expired on`));

  // Valid when added, expired by the next run (certificate times are whole seconds).
  const notAfter = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
  const soonPem = certificate(notAfter);
  fx.sandbox.consumer.registerClient({ clientId: 'expiring-client', enterprise: OWN, certificate: new X509Certificate(soonPem) });
  await addConsumerAccount(fx.dataDir, account(soonPem, 'soon'));
  await new Promise((resolve) => setTimeout(resolve, notAfter.getTime() - Date.now() + 200));
  const expired = await syncAll(options);
  expect(problemLines(expired).join('\n')).toMatch(new RegExp(`^account ${OWN} \\(client expiring-client\\).*its certificate expired on ${notAfter.toISOString()}.*register a renewed one`, 'm'));
  expect(keptCount()).toBe(kept);
});
