// The sandbox's e-Box web app as a user and the extension see it, in Chromium without the extension: it signs in,
// calls the registry from the browser with the bearer token, switches language, filters, searches, opens
// documents, hides messages, shows hostile subjects as text, and speaks v3 when the sandbox does.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPRequest } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { materialise } from '../sandbox/data/mailbox.ts';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { FIXTURE_SANDBOX, PAGES_DIR, recordSandboxPages } from '../sandbox/fixtures/record-pages.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { inboxMessageIds, markDocument, openMessageFromInbox, sameDocument, signIn, waitForInbox } from './harness/sandbox-app.ts';

const NOW = new Date('2026-11-23T09:30:00Z');
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script> Avis François';

describe('sandbox web app (v2.1)', () => {
  const env = useE2EEnvironment({ extensionDir: null, sandbox: { seed: 2, size: 40, now: NOW, scenario: [scenarios.subject(XSS), scenarios.registered()] } });

  it('calls the registry from the browser with the bearer token, and shows hostile subjects as text', async () => {
    const page = await env.newPage();
    const calls: HTTPRequest[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(env.sandbox.apiUrl)) calls.push(r);
    });
    await signIn(page, env.sandbox);
    const list = calls.find((r) => new URL(r.url()).pathname.endsWith('/ebox/messages') && r.method() === 'GET');
    expect(list?.headers().authorization).toBe(`Bearer ${env.sandbox.token}`);
    expect(new URL(list!.url()).searchParams.get('pageSize')).toBe('25');
    expect(calls.some((r) => r.url().includes('/referenceData/senderOrganizations/'))).toBe(true);

    const xss = env.sandbox.data.scenarioMessages[0]!.messageId;
    const subject = await page.$eval(`tr[data-message-id="${xss}"] a.subject-link`, (a) => a.textContent);
    expect(subject).toBe(XSS);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('sends the user back to sign-in when the registry refuses the token, then returns where they were', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const old = env.sandbox.token;
    const fresh = env.sandbox.expireSession();
    expect(fresh).not.toBe(old);
    await page.click('a.folder[data-folder=registered]');
    await page.waitForFunction(() => location.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('return_to')).toBe('/inbox?registered=true');
    const choice = await page.waitForSelector(`a.company-choice[data-company-cbe="${env.sandbox.company.enterpriseNumber}"]`);
    await Promise.all([page.waitForNavigation(), choice!.click()]);
    await page.waitForFunction(() => location.pathname + location.search === '/inbox?registered=true');
    await waitForInbox(page);
    const flags = await page.$$eval('tr.message-row', (rows) => rows.map((r) => (r as HTMLElement).dataset.registered));
    expect(flags.length).toBeGreaterThan(0);
    expect(new Set(flags)).toEqual(new Set(['true']));
  });

  it('filters, searches and switches language in place', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    await markDocument(page);

    await page.select('select[name=sender]', '0206731645');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sender') === '0206731645');
    await waitForInbox(page);
    const senders = await page.$$eval('tr.message-row', (rows) => rows.map((r) => (r as HTMLElement).dataset.senderOrganizationId));
    expect(senders.length).toBeGreaterThan(0);
    expect(new Set(senders)).toEqual(new Set(['0206731645']));

    await page.click('a.clear-filters');
    await page.waitForFunction(() => location.search === '');
    await page.type('form[role=search] input[name=q]', 'FRANCOIS');
    await page.click('form[role=search] button[type=submit]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'FRANCOIS');
    await waitForInbox(page);
    expect(await inboxMessageIds(page)).toContain(env.sandbox.data.scenarioMessages[0]!.messageId);

    await page.click('.lang-switch button[data-lang=nl]');
    await page.waitForFunction(() => document.documentElement.lang === 'nl' && document.querySelector('main.inbox h1')?.textContent === 'Inbox');
    await waitForInbox(page);
    const registered = env.sandbox.data.scenarioMessages[1]!;
    await page.goBack(); // back to the unfiltered list, in Dutch now
    await waitForInbox(page);
    const nl = await page.$eval(`tr[data-message-id="${registered.messageId}"] a.subject-link`, (a) => a.textContent);
    expect(nl).toBe(registered.subject.nl);
    expect(await sameDocument(page)).toBe(true);
  });

  it('opens the main document from the registry and marks the message read, downloads an annex, hides the message', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const registered = env.sandbox.data.scenarioMessages[1]!;
    expect(await page.$eval(`tr[data-message-id="${registered.messageId}"]`, (r) => (r as HTMLElement).dataset.read)).toBe('false');
    await openMessageFromInbox(page, registered.messageId);
    expect(await page.$eval('article.message-view', (a) => (a as HTMLElement).dataset.registered)).toBe('true');
    expect(await page.$$eval('section.documents li.document', (li) => li.map((l) => (l as HTMLElement).dataset.fileName))).toContain('Receipt.xml');

    const opened = env.browser.waitForTarget((t) => t.url().startsWith('blob:'));
    await page.click('li.document[data-main-content="true"] button.document-open');
    const viewer = await opened;
    expect(viewer.url()).toMatch(new RegExp(`^blob:${env.sandbox.appUrl}`));
    // The viewer tab took the front; a background tab gets no animation frames, which clicks wait for.
    await page.bringToFront();
    await page.waitForSelector('article.message-view[data-read="true"]');
    expect(registered.readStatus).toBe(true);

    // Download: the bytes the registry serves, saved under the document's file name.
    const dir = mkdtempSync(join(tmpdir(), 'ebox-download-'));
    try {
      const cdp = await page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
      const receipt = registered.documents.find((d) => d.fileName === 'Receipt.xml')!;
      const done = new Promise<void>((resolve) => cdp.on('Browser.downloadProgress', (e) => e.state === 'completed' && resolve()));
      await page.click(`li.document[data-attachment-id="${receipt.attachmentId}"] button.document-download`);
      await done;
      expect(readdirSync(dir)).toEqual(['Receipt.xml']);
      expect(new Uint8Array(readFileSync(join(dir, 'Receipt.xml')))).toEqual((await materialise(receipt)).bytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const label = await page.$eval('button.hide-message', (b) => b.textContent);
    await page.click('button.hide-message');
    await page.waitForFunction((before: string | null) => {
      const now = document.querySelector('button.hide-message')?.textContent;
      return now !== undefined && now !== before;
    }, {}, label);
    expect(registered.visible).toBe(false);
    await page.click('a.back');
    await waitForInbox(page);
    expect(await inboxMessageIds(page)).not.toContain(registered.messageId);
    await page.click('a.folder[data-folder=hidden]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('folder') === 'hidden');
    await waitForInbox(page);
    expect(await inboxMessageIds(page)).toEqual([registered.messageId]);
  });
});

describe('sandbox web app (v3 contract)', () => {
  const env = useE2EEnvironment({ extensionDir: null, sandbox: { seed: 2, size: 30, now: NOW, v3: true, scenario: scenarios.qualifiedRegistered() } });

  it('reads the v3 registry and shows the qualified-registered notification with its action link', async () => {
    const page = await env.newPage();
    const paths: string[] = [];
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    const qerds = env.sandbox.data.scenarioMessages[0]!;
    await signIn(page, env.sandbox, { path: `/messages/${qerds.messageId}` });
    expect(paths.some((p) => p.startsWith('/REST/ebox/enterprise/messageRegistry/v3/ebox/messages/'))).toBe(true);
    expect(paths.some((p) => p.includes('/messageRegistry/v2/'))).toBe(false);
    expect(paths.some((p) => p.startsWith('/REST/ebox/enterprise/messageRegistry/v3/refData/senderOrganizations/'))).toBe(true);
    expect(await page.$eval('article.message-view', (a) => (a as HTMLElement).dataset.qualified)).toBe('true');
    const href = await page.$eval('section.qerds-notification a.qerds-action', (a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(`${env.sandbox.qerdsUrl}/qerds/${qerds.qerds!.consignmentId}`);
    const provider = await env.newPage();
    await provider.goto(href);
    expect(await provider.$$eval('li.qerds-evidence', (li) => li.map((l) => (l as HTMLElement).dataset.event))).toEqual(['submission', 'consignment', 'handover']);
  });
});

describe('recorded pages of the sandbox web app', () => {
  const env = useE2EEnvironment({ extensionDir: null, sandbox: FIXTURE_SANDBOX });

  it('still match what the app renders (re-record with `tsx test/sandbox/fixtures/record-pages.ts` after a deliberate markup change)', async () => {
    const pages = await recordSandboxPages(env.browser, env.sandbox);
    for (const [name, html] of Object.entries(pages)) {
      expect(html, `${name}.html`).toBe(readFileSync(`${PAGES_DIR}${name}.html`, 'utf8'));
    }
  });
});
