// Issue 4, end to end in Chromium: the sandbox e-Box holds messages expiring in 1, 5 and 20 days; after the inbox
// is visited the badge shows 2 (red), the popup lists both soonest first, "archive" saves one and the badge drops
// to 1 (orange); a killed and restarted service worker shows the same badge and list.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.ts';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { launchWithExtension, extensionWorker, pollUntil } from './expiry-browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
let sandbox: Sandbox;
let browser: Browser;
let extensionId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4, size: 0, scenario: scenarios.expiringIn([1, 5, 20]) });
  ({ browser, extensionId } = await launchWithExtension());
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const badge = (worker: WebWorker) =>
  worker.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: await chrome.action.getBadgeBackgroundColor({}),
  }));

/** Clicks the toolbar button on `tab` and returns the popup it opens. */
async function openPopup(tab: Page): Promise<Page> {
  const before = new Set((await browser.pages()).map((p) => p.target()));
  await tab.bringToFront();
  const extension = (await browser.extensions()).get(extensionId);
  if (!extension) throw new Error('extension not installed');
  await extension.triggerAction(tab);
  const target = await browser.waitForTarget((t) => t.url() === `chrome-extension://${extensionId}/popup.html` && !before.has(t));
  const popup = await target.asPage();
  await popup.waitForSelector('.counts');
  return popup;
}

const listedIds = (page: Page) => page.$$eval('li.message', (items) => items.map((li) => (li as HTMLElement).dataset.messageId));

describe('expiry reminders in the toolbar', () => {
  it('counts, lists, archives and survives a service-worker restart', async () => {
    const [oneDay, fiveDays, twentyDays] = sandbox.data.scenarioMessages.map((m) => m.messageId);
    expect(twentyDays).toBeDefined();

    let worker = await extensionWorker(browser, extensionId);
    expect((await badge(worker)).text).toBe('');
    // Whatever the hour the test runs at, reminders must not be held back by quiet hours.
    await worker.evaluate(() =>
      chrome.storage.local.set({ settings: { quietHours: { enabled: false, start: '22:00', end: '07:00' } } }),
    );

    const inbox = await browser.newPage();
    await inbox.goto(`${sandbox.appUrl}/auth/authorize?company=${sandbox.company.enterpriseNumber}&return_to=/inbox`);
    await inbox.waitForSelector('tr.message-row[data-message-id]');

    await pollUntil(async () => (await badge(worker)).text === '2', 'badge shows 2 after the inbox visit');
    expect((await badge(worker)).color).toEqual([198, 40, 40, 255]);

    // One reminder each, for the most urgent threshold crossed (1 day; 7 days), with both buttons.
    const reminders = await worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
    expect(reminders).toEqual([`expiry|1|${oneDay}`, `expiry|7|${fiveDays}`].sort());

    const popup = await openPopup(inbox);
    expect(await listedIds(popup)).toEqual([oneDay, fiveDays]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await popup.screenshot({ path: resolve(SCREENSHOTS, 'popup.png') });
    expect(await popup.$eval('[data-count="not-archived"] strong', (e) => e.textContent)).toBe('3');
    expect(await popup.$eval('[data-field="last-refreshed"]', (e) => e.textContent)).toMatch(/refreshed/);

    await popup.click(`li.message[data-message-id="${oneDay}"] button[data-action="archive"]`);
    await pollUntil(async () => (await listedIds(popup)).length === 1, 'the archived message leaves the list');
    expect(await listedIds(popup)).toEqual([fiveDays]);
    expect(await popup.$eval('[data-count="archived"] strong', (e) => e.textContent)).toBe('1');
    await pollUntil(async () => (await badge(worker)).text === '1', 'badge drops to 1');
    expect((await badge(worker)).color).toEqual([239, 108, 0, 255]);
    expect(await worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).toEqual([`expiry|7|${fiveDays}`]);
    await popup.close();

    // Kill the service worker, as Chrome does after 30 s idle; the popup's request starts a new one.
    await worker.close();
    const reopened = await openPopup(inbox);
    worker = await extensionWorker(browser, extensionId);
    expect(await listedIds(reopened)).toEqual([fiveDays]);
    expect((await badge(worker)).text).toBe('1');
    // And it recomputed it itself: clear the badge, kill the worker again, and let the restart repaint it.
    await worker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await worker.close();
    worker = await extensionWorker(browser, extensionId, { wake: true });
    await pollUntil(async () => (await badge(worker)).text === '1', 'a restarted worker repaints the badge');
  });
});
