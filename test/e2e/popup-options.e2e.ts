// The options page in Chromium: settings saved and validated, the language override applied at once to the
// options page and the popup; screenshots of the options page for docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { extensionWorker, launchWithExtension, pollUntil } from './expiry-browser.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
let browser: Browser;
let extensionId: string;

beforeAll(async () => {
  ({ browser, extensionId } = await launchWithExtension());
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function openOptions(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 860, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('#save');
  return page;
}

async function storedSettings(): Promise<Record<string, unknown>> {
  const worker = await extensionWorker(browser, extensionId, { wake: true });
  return worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);
}

async function typeInto(page: Page, selector: string, text: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

describe('options page', () => {
  it('saves the reminder settings and refuses bad thresholds without losing the stored ones', async () => {
    const page = await openOptions();
    await page.screenshot({ path: resolve(SCREENSHOTS, 'options.png'), fullPage: true });

    await typeInto(page, '#window', '21');
    await typeInto(page, '#thresholds', '1, 10 3');
    await page.click('#notifications');
    await page.click('#save');
    await page.waitForSelector('[data-field="save-result"].saved');
    expect(await storedSettings()).toMatchObject({ warningWindowDays: 21, thresholds: [10, 3, 1], notificationsEnabled: false });
    // The form shows the settings as stored (sorted).
    expect(await page.$eval('#thresholds', (e) => (e as HTMLInputElement).value)).toBe('10, 3, 1');

    await typeInto(page, '#thresholds', '7, soon');
    await page.click('#save');
    await page.waitForSelector('[data-field="save-result"].error');
    expect(await page.$eval('#thresholds', (e) => e.getAttribute('aria-invalid'))).toBe('true');
    expect((await storedSettings()).thresholds).toEqual([10, 3, 1]);
    await page.close();
  });

  it('switches the whole extension to the chosen language at once', async () => {
    const page = await openOptions();
    await page.select('#language', 'nl');
    await page.click('#save');
    await pollUntil(async () => (await page.$eval('h1', (e) => e.textContent)) === 'Instellingen van e-Box Keeper', 'the options page speaks Dutch');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'options-nl.png'), fullPage: true });

    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForSelector('.counts');
    expect(await popup.$eval('h1', (e) => e.textContent)).toContain('Vervalt binnenkort');
    expect(await popup.$eval('h1 .sub', (e) => e.textContent)).toBe('Niet gearchiveerd, vervalt binnen 21 dagen');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('nl');
    await popup.close();

    await page.bringToFront();
    await page.select('#language', 'auto');
    await page.click('#save');
    await pollUntil(async () => (await page.$eval('h1', (e) => e.textContent)) === 'e-Box Keeper settings', 'back to the browser language');
  });
});
