// Reaching the loaded extension: its id, its service worker (evaluate code in it), its popup and pages, and the
// overlay it puts in the e-Box page (open shadow roots, `host >>> selector`).
import type { Browser, ElementHandle, Page, WebWorker } from 'puppeteer-core';

/** The loaded extension's id. Chromium registers the extension a moment after launch: poll for it. */
export async function extensionId(browser: Browser, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const [id] = [...(await browser.extensions()).keys()];
    if (id) return id;
    if (Date.now() > deadline) throw new Error(`No extension loaded in this browser after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The extension's service worker. Its target appears before onInstalled has run: poll for state, never sleep. */
export async function serviceWorker(browser: Browser, timeout = 15_000): Promise<WebWorker> {
  const id = await extensionId(browser);
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`), { timeout });
  const worker = await target.worker();
  if (!worker) throw new Error('The service worker target has no worker');
  return worker;
}

/** Runs `fn` in the service worker (chrome.* is available there) and returns its JSON-serialisable result. */
export async function evaluateInWorker<T, A extends unknown[]>(browser: Browser, fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T> {
  const worker = await serviceWorker(browser);
  return worker.evaluate(fn as never, ...(args as unknown as never[])) as Promise<T>;
}

/** Waits until `fn` run in the service worker returns something truthy (e.g. state written by onInstalled). */
export async function waitInWorker<T>(browser: Browser, fn: () => T | Promise<T>, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await evaluateInWorker(browser, fn);
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Service worker condition not met in ${timeout} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens an extension page (e.g. 'options.html') in a new tab. */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const id = await extensionId(browser);
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${id}/${path.replace(/^\//, '')}`, { waitUntil: 'load' });
  return page;
}

/** Clicks the toolbar action for `page` and returns the popup that opens. */
export async function openPopup(browser: Browser, page: Page, timeout = 10_000): Promise<Page> {
  const id = await extensionId(browser);
  const extension = (await browser.extensions()).get(id);
  if (!extension) throw new Error('extension vanished');
  const opened = browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${id}/`) && t.url().includes('popup'), { timeout });
  await extension.triggerAction(page);
  const popup = await (await opened).asPage();
  await popup.waitForFunction(() => document.readyState === 'complete', { timeout });
  return popup;
}

/** An element inside the overlay's open shadow root: `host` is the custom element the extension mounts. */
export async function overlayElement(page: Page, host: string, selector: string, timeout = 10_000): Promise<ElementHandle<Element>> {
  const el = await page.waitForSelector(`${host} >>> ${selector}`, { timeout });
  if (!el) throw new Error(`No ${selector} in ${host}'s shadow root`);
  return el;
}

/** Whether a content script of this extension runs in the page (it has an isolated world of the extension). */
export async function contentScriptRealmPresent(browser: Browser, page: Page): Promise<boolean> {
  const id = await extensionId(browser);
  return page.extensionRealms().some((r) => r.origin === `chrome-extension://${id}`);
}
