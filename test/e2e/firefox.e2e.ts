// The Firefox sandbox build in Debian's firefox-esr: pairing with the one-time code (it used to fail with 403:
// the extension sent the gecko id while its Origin carries the per-install UUID), pairing without a code through
// the native host `ebox-keeper install` registers, and the overlay on the sandbox e-Box in the e-Box's language.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.ts';
import { FIREFOX_EXTENSION_ORIGIN, launchFirefox, openFirefoxExtensionPage } from './harness/firefox.ts';
import { HELPER_BIN, startHelper, type HelperProcess } from './harness/helper-process.ts';
import { inboxMessageIds, signIn } from './harness/sandbox-app.ts';

let sandbox: Sandbox;
let helper: HelperProcess;
const browsers: Browser[] = [];
const homes: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, size: 20, now: new Date('2026-11-23T09:30:00Z') });
  helper = await startHelper();
});

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await helper?.stop();
  await sandbox?.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const storedPairingOrigin = (page: Page) =>
  page.evaluate(async () => {
    const { helperConnection } = await browser.storage.local.get('helperConnection');
    return (helperConnection as { pairing?: { origin: string } } | undefined)?.pairing?.origin ?? null;
  });

describe('e-Box Keeper in Firefox', () => {
  it('pairs with the one-time code: the helper knows the extension by its moz-extension UUID', async () => {
    const browser = await launchFirefox();
    browsers.push(browser);
    const page = await openFirefoxExtensionPage(browser, 'options.html');
    await page.waitForSelector('#pair-code');
    await page.evaluate((port: string) => {
      const input = document.querySelector<HTMLInputElement>('#helper-port')!;
      input.value = port;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, new URL(helper.url).port);
    await page.type('#pair-code', helper.pairingCode!);
    await page.click('#pair-code + button[type=submit]');
    await page.waitForSelector('[data-field="pairing"], p.error');
    expect(await page.$eval('[data-field="pairing"], p.error', (e) => e.className + ': ' + e.textContent)).toMatch(/^paired/);
    expect(await storedPairingOrigin(page)).toBe(FIREFOX_EXTENSION_ORIGIN);
    expect(helper.output()).toContain(`paired ${FIREFOX_EXTENSION_ORIGIN}`);
  });

  it('decorates the sandbox e-Box inbox with the overlay, in French like the e-Box although the browser is English', async () => {
    const page = await browsers[0]!.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, sandbox);
    const ids = await inboxMessageIds(page);
    await page.waitForFunction((n: number) => document.querySelectorAll('tr.message-row ebox-keeper-row').length === n, {}, ids.length);
    expect(await page.evaluate(() => [navigator.language, document.documentElement.lang])).toEqual(['en-US', 'fr']);
    const file = await page.waitForSelector('tr.message-row ebox-keeper-row >>> button[data-action=file]');
    expect(await file!.evaluate((e) => `${e.textContent} ${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`)).toContain('Classer');
    await page.close();
  });

  it('pairs without a code through the native host registered by `ebox-keeper install`', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ebk-ff-home-'));
    homes.push(home);
    execFileSync(process.execPath, [HELPER_BIN, 'install', '--no-autostart', '--port', new URL(helper.url).port, '--data-dir', helper.dataDir], { env: { ...process.env, HOME: home } });
    const browser = await launchFirefox({ env: { HOME: home } });
    browsers.push(browser);
    const page = await openFirefoxExtensionPage(browser, 'options.html');
    await page.waitForSelector('[data-field="pairing"]', { timeout: 30_000 });
    expect(await page.$('#pair-code')).toBeNull();
    expect(await storedPairingOrigin(page)).toBe(FIREFOX_EXTENSION_ORIGIN);
  });
});
