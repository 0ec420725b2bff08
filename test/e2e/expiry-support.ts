// What the expiry and popup end-to-end tests add to the harness.
import type { Browser, WebWorker } from 'puppeteer-core';
import { openExtensionPage, serviceWorker } from './harness/extension.ts';

/** Starts the extension's service worker again after worker.close(): an extension page's message wakes it. */
export async function restartedWorker(browser: Browser): Promise<WebWorker> {
  const page = await openExtensionPage(browser, 'options.html');
  await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'ebox-keeper/call', method: 'expiry.overview' }));
  await page.close();
  return serviceWorker(browser);
}

/** Retries `check` (a throw counts as "not yet": a page may be re-rendering) until it holds. */
export async function pollUntil(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting until ${what}`);
}
