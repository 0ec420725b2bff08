// Chromium with the sandbox build of the extension, for the expiry and popup end-to-end tests.
import { resolve } from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output-sandbox/chrome-mv3');

export async function launchWithExtension(): Promise<{ browser: Browser; extensionId: string }> {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
      '--lang=en-GB',
    ],
  });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  return { browser, extensionId: new URL(target.url()).host };
}

/** The extension's running service worker; with `wake`, starts one first (an alarm-less wake: open a page). */
export async function extensionWorker(browser: Browser, extensionId: string, options: { wake?: boolean } = {}): Promise<WebWorker> {
  if (options.wake) {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'expiry/overview' }));
    await page.close();
  }
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${extensionId}/background.js`,
    { timeout: 15_000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('no service worker');
  return worker;
}

/** Retries `check` (a throw counts as "not yet": the page may be re-rendering) until it holds. */
export async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}
