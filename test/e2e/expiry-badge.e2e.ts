// Issue 4, end to end in Chromium: the sandbox e-Box holds messages expiring in 1, 5 and 20 days; after the inbox
// is visited the badge shows 2 (red) and reminders are shown, the toolbar popup lists both soonest first, "archive"
// saves one and the badge drops to 1 (orange); a killed and restarted service worker shows the same badge and list,
// and repaints the badge by itself.
import { describe, expect, it } from 'vitest';
import type { Page, WebWorker } from 'puppeteer-core';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { openPopup, serviceWorker } from './harness/extension.ts';
import { signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';
import { pollUntil, restartedWorker } from './expiry-support.ts';

const env = useE2EEnvironment({ sandbox: { seed: 4, size: 0, scenario: scenarios.expiringIn([1, 5, 20]) } });

const badge = (worker: WebWorker) =>
  worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), color: await chrome.action.getBadgeBackgroundColor({}) }));
const reminders = (worker: WebWorker) => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
const popupTitleOf = (worker: WebWorker) => worker.evaluate(() => chrome.action.getTitle({}));
const listedIds = (popup: Page) => popup.$$eval('li.message', (items) => items.map((li) => (li as HTMLElement).dataset.messageId));

async function popupFor(tab: Page): Promise<Page> {
  const popup = await openPopup(env.browser, tab);
  await popup.waitForSelector('.counts');
  return popup;
}

describe('expiry reminders in the toolbar', () => {
  it('counts, lists, archives and survives a service-worker restart', async () => {
    const [oneDay, fiveDays, twentyDays] = env.sandbox.data.scenarioMessages.map((m) => m.messageId);
    expect(twentyDays).toBeDefined();

    let worker = await serviceWorker(env.browser);
    expect((await badge(worker)).text).toBe('');
    // Whatever the hour the test runs at, reminders must not be held back by quiet hours; and French, to see the
    // language override reach the service worker's notifications as well as the popup.
    await worker.evaluate(() =>
      chrome.storage.local.set({ settings: { language: 'fr', quietHours: { enabled: false, start: '22:00', end: '07:00' } } }),
    );

    const inbox = await env.newPage();
    await signIn(inbox, env.sandbox);
    await pollUntil(async () => (await badge(worker)).text === '2', 'the badge shows 2 after the inbox visit');
    expect((await badge(worker)).color).toEqual([198, 40, 40, 255]);
    // One reminder each, for the most urgent threshold crossed: 1 day, and 7 days.
    await pollUntil(async () => (await reminders(worker)).length === 2, 'two reminders');
    expect(await reminders(worker)).toEqual([`expiry|1|${oneDay}`, `expiry|7|${fiveDays}`].sort());
    expect(await popupTitleOf(worker)).toMatch(/^e-Box Keeper: 2 messages non archivés expirent dans les 14 jours — .+ \(\d{4}\.\d{3}\.\d{3}\)$/);

    const popup = await popupFor(inbox);
    expect(await listedIds(popup)).toEqual([oneDay, fiveDays]);
    expect(await popup.$eval('[data-count="not-archived"] strong', (e) => e.textContent)).toBe('3');
    expect(await popup.$eval('[data-field="last-refreshed"]', (e) => e.textContent)).toMatch(/actualisée/);
    await screenshot(popup, 'popup');

    await popup.click(`li.message[data-message-id="${oneDay}"] button[data-action="archive"]`);
    await pollUntil(async () => (await listedIds(popup)).length === 1, 'the archived message leaves the list');
    expect(await listedIds(popup)).toEqual([fiveDays]);
    expect(await popup.$eval('[data-count="archived"] strong', (e) => e.textContent)).toBe('1');
    await pollUntil(async () => (await badge(worker)).text === '1', 'the badge drops to 1');
    expect((await badge(worker)).color).toEqual([239, 108, 0, 255]);
    expect(await reminders(worker)).toEqual([`expiry|7|${fiveDays}`]);
    await popup.close();

    // Kill the service worker, as Chrome does after 30 s idle; the popup's request starts a new one.
    await worker.close();
    const reopened = await popupFor(inbox);
    expect(await listedIds(reopened)).toEqual([fiveDays]);
    worker = await serviceWorker(env.browser);
    expect((await badge(worker)).text).toBe('1');
    await reopened.close();

    // "Open the e-Box" from the popup of another tab brings the e-Box tab to the front.
    const elsewhere = await env.newPage();
    await elsewhere.goto('about:blank');
    const fromElsewhere = await popupFor(elsewhere);
    await fromElsewhere.click('button[data-action="open-ebox"]');
    await pollUntil(
      async () => (await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.url ?? '')).startsWith(env.sandbox.appUrl),
      'the e-Box tab is in front',
    );
    await elsewhere.close();

    // The restarted worker repaints the badge itself: blank it, kill the worker, wake a new one.
    await worker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await worker.close();
    worker = await restartedWorker(env.browser);
    await pollUntil(async () => (await badge(worker)).text === '1', 'a restarted worker repaints the badge');
    // And no reminder came back.
    expect(await reminders(worker)).toEqual([`expiry|7|${fiveDays}`]);
  });
});
