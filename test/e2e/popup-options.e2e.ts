// The options page in Chromium: settings saved and validated, the language override applied at once to the options
// page and the popup, and pairing with the real helper process from the one-time code `ebox-keeper pair-code`
// prints, after which the popup shows the helper connected.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage } from './harness/extension.ts';
import { HELPER_BIN } from './harness/helper-process.ts';
import { screenshot } from './harness/screenshots.ts';
import { pollUntil } from './expiry-support.ts';

const env = useE2EEnvironment({ sandbox: { size: 0 }, helper: true });

async function openOptions(): Promise<Page> {
  const page = await openExtensionPage(env.browser, 'options.html');
  await page.setViewport({ width: 860, height: 900 });
  await page.waitForSelector('#save');
  return page;
}

const storedSettings = () => evaluateInWorker(env.browser, async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);

async function typeInto(page: Page, selector: string, text: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

const heading = (page: Page) => page.$eval('h1', (e) => e.textContent);

describe('options page', () => {
  it('saves the reminder settings and refuses bad thresholds without losing the stored ones', async () => {
    const page = await openOptions();
    await typeInto(page, '#window', '21');
    await typeInto(page, '#thresholds', '1, 10 3');
    await page.click('#notifications');
    await page.click('#save');
    await page.waitForSelector('[data-field="save-result"].saved');
    expect(await storedSettings()).toMatchObject({ warningWindowDays: 21, thresholds: [10, 3, 1], notificationsEnabled: false });
    expect(await page.$eval('#thresholds', (e) => (e as HTMLInputElement).value)).toBe('10, 3, 1');

    await typeInto(page, '#thresholds', '7, bientôt');
    await page.click('#save');
    await page.waitForSelector('[data-field="save-result"].error');
    expect(await page.$eval('#thresholds', (e) => e.getAttribute('aria-invalid'))).toBe('true');
    expect((await storedSettings()).thresholds).toEqual([10, 3, 1]);
    await page.close();
  });

  it('switches the whole extension to the chosen language at once', async () => {
    const page = await openOptions();
    await page.select('#language', 'en');
    await page.click('#save');
    await pollUntil(async () => (await heading(page)) === 'e-Box Keeper settings', 'the options page speaks English');
    await screenshot(page, 'options', { fullPage: true });

    const popup = await openExtensionPage(env.browser, 'popup.html');
    await popup.waitForSelector('.counts');
    expect(await popup.$eval('h1', (e) => e.textContent)).toContain('Expiring soon');
    expect(await popup.$eval('h1 .sub', (e) => e.textContent)).toBe('Not archived, expiring within 21 days');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en');
    await popup.close();

    await page.bringToFront();
    await page.select('#language', 'nl');
    await page.click('#save');
    await pollUntil(async () => (await heading(page)) === 'Instellingen van e-Box Keeper', 'the options page speaks Dutch');
    await screenshot(page, 'options-nl', { fullPage: true });
    await page.close();
  });

  it('pairs with the local helper using the code it prints, and the popup then shows it connected', async () => {
    const helper = env.helper!;
    const page = await openOptions();
    const popupBefore = await openExtensionPage(env.browser, 'popup.html');
    await popupBefore.waitForSelector('[data-field="helper-status"][data-state="not-paired"]');
    await popupBefore.close();

    await page.bringToFront();
    await typeInto(page, '#helper-port', new URL(helper.url).port);
    await typeInto(page, '#pair-code', 'ZZZZ-ZZZZ');
    await page.click('#pair-code ~ button');
    await page.waitForSelector('section p.error[role="alert"]');

    const printed = execFileSync(process.execPath, [HELPER_BIN, 'pair-code', '--data-dir', helper.dataDir], { encoding: 'utf8' });
    const code = /pairing code: (\S+)/.exec(printed)?.[1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await typeInto(page, '#pair-code', code!);
    await page.click('#pair-code ~ button');
    await page.waitForSelector('[data-field="pairing"]');
    const connection = await evaluateInWorker(env.browser, async () => (await chrome.storage.local.get('helperConnection')).helperConnection as { port: number; pairing: { pairingId: string } });
    expect(connection.port).toBe(Number(new URL(helper.url).port));
    expect(connection.pairing.pairingId).toBeTruthy();

    const popup = await openExtensionPage(env.browser, 'popup.html');
    await popup.waitForSelector('[data-field="helper-status"][data-state="connected"]');
    await popup.close();

    await page.bringToFront();
    await page.click('[data-field="pairing"] + span button');
    await page.waitForSelector('#pair-code');
    expect((await evaluateInWorker(env.browser, async () => (await chrome.storage.local.get('helperConnection')).helperConnection as { pairing: unknown })).pairing).toBeNull();
  });
});
