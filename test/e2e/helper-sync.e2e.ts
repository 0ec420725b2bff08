// The helper keeps a company's e-Box by itself (e-Box Document Consumer sync, no browser involved): once paired, the
// archive page lists its messages beside the browser's, marked as kept by the helper under their company, and opens
// their documents from the helper; the options page shows the consumer account's providers, last sync and errors,
// and "sync now" starts a run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addConsumerAccount } from '../../helper/src/consumers/consumer-store.ts';
import { opensslPkcs12 } from '../../helper/src/identity/openssl-pkcs12.fixture.ts';
import { pollUntil } from './expiry-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { openExtensionPage } from './harness/extension.ts';
import { startHelper, type HelperProcess } from './harness/helper-process.ts';
import { screenshot } from './harness/screenshots.ts';
import { pairExtension } from './harness/pairing.ts';

const env = useE2EEnvironment({ sandbox: { seed: 43, size: 6, secondProvider: { size: 3 } } });
const CLIENT_ID = 'ebox-keeper:e2e:consumer';
const PASSWORD = 'e2e consumer';
let work: string;
let helper: HelperProcess;
let secret: string;

const api = async (path: string, init: RequestInit = {}) => fetch(`${helper.url}/v1${path}`, { ...init, headers: { 'x-ebox-keeper-secret': secret, 'x-ebox-keeper-api': '1', ...(init.headers ?? {}) } });

beforeAll(async () => {
  // The sandbox's consumer setup as the sync tests make it: one OAuth client of the first company.
  work = mkdtempSync(join(tmpdir(), 'ebox-e2e-sync-'));
  opensslPkcs12(work, ['rsa:2048'], PASSWORD, 'client');
  const own = env.sandbox.company.enterpriseNumber;
  env.sandbox.consumer.registerClient({ clientId: CLIENT_ID, enterprise: own, certificate: new X509Certificate(readFileSync(join(work, 'client.crt'))) });
  const dataDir = join(work, 'data');
  await addConsumerAccount(dataDir, { enterprise: own, clientId: CLIENT_ID, tokenUrl: env.sandbox.consumer.tokenUrl, federationUrl: env.sandbox.consumer.federationUrl, registries: [], p12: readFileSync(join(work, 'client.p12')), password: PASSWORD });
  // The helper syncs as it starts.
  helper = await startHelper({ dataDir });
  secret = await pairExtension(env.browser, env.extensionId, helper);
  await pollUntil(async () => {
    const status = (await (await api('/sync')).json()) as { running: boolean; lastRun?: unknown };
    return !status.running && status.lastRun !== undefined;
  }, 'the helper finished its first sync', 120_000);
}, 180_000);

afterAll(async () => {
  await helper?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What the registries still serve of the first company: the e-Box deletes a message at expiry. */
const liveIds = () =>
  [...env.sandbox.data.mailbox.messages, ...(env.sandbox.data.secondMailbox?.messages ?? [])]
    .filter((m) => m.expirationDate.getTime() > Date.now())
    .map((m) => m.messageId);

describe('the helper sync in the extension', () => {
  it('the archive page lists the helper kept messages under their company, marked, and opens their documents from the helper', async () => {
    const own = env.sandbox.company.enterpriseNumber;
    const page = await openExtensionPage(env.browser, '/archive.html');
    await page.waitForSelector('[data-part=company-switcher] select');
    // No browser has seen this company: the switcher offers it because the helper keeps its mail.
    await page.waitForSelector(`[data-part=company-switcher] select option[value="${own}"]`, { timeout: 30_000 });
    await page.select('[data-part=company-switcher] select', own);
    const ids = liveIds();
    await page.waitForFunction((n) => document.querySelectorAll('.result [data-part=kept-by-helper]').length >= Math.min(n, 8), { timeout: 30_000 }, ids.length);
    const shown = await page.$$eval('.result', (rows) => rows.map((r) => ({ id: r.getAttribute('data-message-id'), company: r.getAttribute('data-company'), kept: !!r.querySelector('[data-part=kept-by-helper]') })));
    expect(shown.every((r) => r.company === own && r.kept)).toBe(true);
    expect(shown.every((r) => ids.includes(r.id!))).toBe(true);
    expect(Number(await page.$eval('[data-part=result-count]', (e) => e.getAttribute('data-count')))).toBe(ids.length);

    // A message with documents: its detail comes from the helper, each document kept, opened from the helper.
    const withDocs = env.sandbox.data.mailbox.messages.find((m) => ids.includes(m.messageId) && m.documents.length > 0 && shown.some((r) => r.id === m.messageId))!;
    await page.click(`.result[data-message-id="${withDocs.messageId}"]`);
    await page.waitForSelector(`[data-part=detail][data-kept=helper][data-message-id="${withDocs.messageId}"]`);
    const states = await page.$$eval('[data-part=detail] li[data-state]', (lis) => lis.map((li) => li.getAttribute('data-state')));
    expect(states).toEqual(withDocs.documents.map(() => 'kept'));
    await screenshot(page, 'archive-kept-by-helper');
    // Opening fetches the bytes through the service worker (a new tab for a PDF, else a notice and a download).
    const opened = env.browser.waitForTarget((t) => t.url().startsWith('blob:'), { timeout: 15_000 }).then(() => 'tab', () => 'none');
    await page.click('[data-part=detail] li[data-state=kept] button[data-action=open]');
    const how = await Promise.race([opened, page.waitForSelector('[data-part=kept-notice]', { timeout: 15_000 }).then(() => 'notice')]);
    expect(['tab', 'notice']).toContain(how);
    await page.close();
  });

  it('the options page shows the consumer account, its providers last sync and state, and sync now starts a run', async () => {
    const own = env.sandbox.company.enterpriseNumber;
    const page = await openExtensionPage(env.browser, '/options.html');
    const account = `[data-part=helper-sync] [data-part=consumer-account][data-enterprise="${own}"]`;
    await page.waitForSelector(account, { timeout: 20_000 });
    const providers = await page.$$eval(`${account} tr[data-provider]`, (rows) => rows.map((r) => ({ provider: r.getAttribute('data-provider'), state: r.getAttribute('data-state'), last: r.querySelector('[data-field=last-sync]')?.textContent ?? '' })));
    // The federation's provider list and both providers it lists, each synced.
    const key = (url: string) => url.replace(/\/+$/, '');
    expect(providers.map((p) => key(p.provider!)).sort()).toEqual([env.sandbox.consumer.federationUrl, ...env.sandbox.consumer.providerUrls].map(key).sort());
    expect(providers.every((p) => p.state === 'ok' && /\d/.test(p.last))).toBe(true);
    expect(await page.$eval('[data-part=last-run]', (e) => e.textContent)).toMatch(/sync: 1 account/);
    await screenshot(page, 'options-helper-sync');
    const before = ((await (await api('/sync')).json()) as { lastRun: { finishedAt: string } }).lastRun.finishedAt;
    await page.click('[data-part=helper-sync] button[data-action=sync-now]:not([disabled])');
    await page.waitForSelector('[data-part=helper-sync] [data-field=sync-notice]');
    await pollUntil(async () => ((await (await api('/sync')).json()) as { lastRun: { finishedAt: string } }).lastRun.finishedAt !== before, 'sync now ran', 60_000);
    await page.close();
  });
});
