// Bulk archiving 200 messages from the sandbox e-Box with visible progress (surviving a stopped service worker),
// then the archive page: accented search, a document opened byte-identical, export / wipe / import identical.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materialise } from '../sandbox/data/mailbox.ts';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { answerBulkQuestions, storedDocuments, storedMessages } from './archive-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { openExtensionPage, serviceWorker } from './harness/extension.ts';
import { nextInboxPage, signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';

const SUBJECT = 'Lettre de François Müller – décompte 2026';
const env = useE2EEnvironment({
  sandbox: { seed: 11, size: 215, now: new Date('2026-11-23T09:30:00Z'), scenario: [scenarios.subject(SUBJECT), scenarios.tamperedDocument(), scenarios.subject('<img src=x onerror="document.title=\'pwned\'">')] },
});
const downloads = mkdtempSync(join(tmpdir(), 'archive-e2e-'));
afterAll(() => rmSync(downloads, { recursive: true, force: true }));

const BULK = 'ebox-keeper-bulk';
let matching = 0;
const progress = (page: import('puppeteer-core').Page) =>
  page.$eval(`${BULK} >>> .progress`, (p) => ({ status: p.getAttribute('data-status'), done: Number(p.getAttribute('data-done')), total: Number(p.getAttribute('data-total')) })).catch(() => undefined);

describe('bulk archive and the archive page', () => {
  // 200 messages with their documents and a worker restart. In fresh-clone runs the first 20 took over 120 s (the
  // job still finished: the next tests found all of them archived), alone it takes 23 s: up to six minutes here.
  it('archives everything matching the filter (200 messages) with progress, resuming after the worker stops', { timeout: 360_000 }, async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    await page.waitForSelector(`${BULK} >>> button[data-action=archive-matching]:not([disabled])`);
    // The inbox shows the visible messages: that is the filter "everything" archives.
    matching = Number((await page.$eval(`${BULK} >>> button[data-action=archive-matching]`, (b) => b.textContent))!.match(/\((\d+)\)/)![1]);
    expect(matching).toBeGreaterThanOrEqual(200);
    answerBulkQuestions(page, BULK);
    await page.click(`${BULK} >>> button[data-action=archive-matching]`);
    await page.waitForFunction(
      (sel: string) => {
        const p = document.querySelector(sel.split(' >>> ')[0]!)?.shadowRoot?.querySelector('.progress');
        return p && p.getAttribute('data-status') === 'running' && Number(p.getAttribute('data-done')) >= 20;
      },
      { timeout: 240_000, polling: 50 },
      `${BULK} >>> .progress`,
    );
    const mid = (await progress(page))!;
    expect(mid.total).toBe(matching);
    expect(mid.done).toBeLessThan(matching);
    // The bar speaks the e-Box page's language (the sandbox's app opens in French).
    expect(await page.$eval(`${BULK} >>> .progress [role=status]`, (s) => s.textContent)).toContain(`sur ${matching} messages`);
    await screenshot(page, 'archive-bulk-progress');

    // Stop the service worker mid-job; it comes back (next e-Box event or its alarm) and carries on.
    await (await serviceWorker(env.browser)).close();
    await nextInboxPage(page);
    await page.waitForFunction(
      () => document.querySelector('ebox-keeper-bulk')?.shadowRoot?.querySelector('.progress')?.getAttribute('data-status') === 'done',
      { timeout: 90_000, polling: 200 },
    );
    const end = (await progress(page))!;
    expect(end).toMatchObject({ status: 'done', total: matching, done: matching });
    const stored = await storedMessages(env.browser);
    const archived = stored.filter((m) => m.archivedAt);
    expect(archived).toHaveLength(matching);
    // The tampered document is kept but flagged, never silently good.
    const tampered = env.sandbox.data.scenarioMessages[1]!;
    expect(stored.find((m) => m.messageId === tampered.messageId)?.integrity).toBe('mismatch');
    const docs = await storedDocuments(env.browser, tampered.messageId);
    expect(docs.find((d) => d.attachmentId === tampered.documents[0]!.attachmentId)?.digestOk).toBe(false);
    // Archived once each: no duplicate document versions after the restart.
    const archivedIds = new Set(archived.map((m) => m.messageId));
    const expectedDocs = env.sandbox.data.mailbox.messages.filter((m) => archivedIds.has(m.messageId)).reduce((n, m) => n + m.documents.length, 0);
    const counted = await (await serviceWorker(env.browser)).evaluate(
      () => new Promise<number>((resolve) => {
        const open = indexedDB.open('ebox-keeper-archive');
        open.onsuccess = () => {
          const req = open.result.transaction('documents').objectStore('documents').count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
    );
    expect(counted).toBe(expectedDocs);
    await page.close();
  });

  it('finds "Francois" as "François" on the archive page, and opens its document byte-identical', async () => {
    const page = await openExtensionPage(env.browser, 'archive.html');
    await page.waitForSelector('input[name=q]');
    await page.waitForSelector(`[data-part=result-count][data-count="${matching}"]`);
    await page.type('input[name=q]', 'Francois muller');
    await page.waitForSelector('[data-part=result-count][data-count="1"]');
    const target = env.sandbox.data.scenarioMessages[0]!;
    await page.click(`.result[data-message-id="${target.messageId}"]`);
    await page.waitForSelector('[data-part=detail] [data-action=open]');
    // The <img onerror> subject is shown as text elsewhere, never run.
    expect(await page.title()).not.toBe('pwned');
    await screenshot(page, 'archive-page');

    // Opening creates a blob: URL of the stored bytes; read it back and compare with the sandbox's document.
    await page.evaluate(() => {
      (window as unknown as { __opened: string[] }).__opened = [];
      window.open = ((url: string) => void (window as unknown as { __opened: string[] }).__opened.push(url)) as unknown as typeof window.open;
    });
    await page.click('[data-part=detail] [data-action=open]');
    const bytes = await page.evaluate(async () => {
      const url = (window as unknown as { __opened: string[] }).__opened[0]!;
      const blob = await (await fetch(url)).blob();
      return { type: blob.type, base64: btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer()))) };
    });
    const original = await materialise(target.documents[0]!);
    expect(bytes.type).toBe('application/pdf');
    expect(Buffer.from(bytes.base64, 'base64').equals(Buffer.from(original.bytes))).toBe(true);

    await page.click('[data-action=dashboard]');
    await page.waitForSelector('[data-part=archive-size]');
    await screenshot(page, 'archive-dashboard');
    await page.close();
  });

  it('export, wipe, import gives an identical archive', async () => {
    const page = await openExtensionPage(env.browser, 'archive.html');
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.waitForSelector(`[data-part=result-count][data-count="${matching}"]`);
    const snapshot = async () => {
      const messages = await storedMessages(env.browser);
      const docs = [];
      for (const m of messages.slice(0, 40)) docs.push(...(await storedDocuments(env.browser, m.messageId)));
      return { messages: messages.sort((a, b) => a.messageId.localeCompare(b.messageId)), docs: docs.sort((a, b) => a.id.localeCompare(b.id)) };
    };
    const before = await snapshot();
    await page.click('[data-action=export]');
    await page.waitForFunction(() => document.querySelector('[data-part=notice]')?.className.includes('ok'), { timeout: 60_000 });
    let file = '';
    for (let i = 0; i < 100 && !file; i++) {
      file = readdirSync(downloads).find((f) => f.endsWith('.zip')) ?? '';
      if (!file) await new Promise((r) => setTimeout(r, 100));
    }
    expect(file).toMatch(/^ebox-keeper-archive-.*\.zip$/);
    expect(readFileSync(join(downloads, file)).subarray(0, 2).toString()).toBe('PK');

    // Deleting the archive is on the dashboard, behind the typed word.
    await page.click('[data-action=dashboard]');
    await page.waitForSelector('[data-action=wipe][disabled]');
    await page.type('input[name=wipe-confirm]', 'delete');
    await page.click('[data-action=wipe]:not([disabled])');
    await page.waitForSelector('[data-part=wipe] [role=status]');
    await page.click('[data-action=list]');
    await page.waitForSelector('.empty, [data-part=result-count][data-count="0"]');
    expect(await storedMessages(env.browser)).toHaveLength(0);

    const input = await page.$('input[name=import]');
    await input!.uploadFile(join(downloads, file));
    // The count may repaint (the page follows the archive's changes) before the import's own report replaces "busy".
    await page.waitForSelector('[data-part=notice].ok', { timeout: 60_000 });
    await page.waitForSelector(`[data-part=result-count][data-count="${matching}"]`, { timeout: 60_000 });
    expect(await page.$eval('[data-part=notice]', (n) => n.textContent)).toContain(`${matching} new messages`);
    expect(await snapshot()).toEqual(before);
    await page.close();
  });
});
