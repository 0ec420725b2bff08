// A revoked host permission is noticed: the popup and the side panel say e-Box Keeper may no longer read the e-Box,
// and their button asks for the permission again (permissions.request from the click). In Firefox, where MV3 host
// permissions can be revoked (Chrome refuses to remove required ones through the API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefox, openFirefoxExtensionPage } from './harness/firefox.ts';

let firefox: Browser;
beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(() => firefox?.close());

/** Records the origins the page's button asks for, and still asks the browser. */
async function recordRequests(page: Page) {
  await page.evaluate(() => {
    const original = browser.permissions.request.bind(browser.permissions);
    (window as unknown as { asked: unknown[] }).asked = [];
    browser.permissions.request = ((request: { origins?: string[] }) => {
      (window as unknown as { asked: unknown[] }).asked.push(request.origins);
      return original(request as never);
    }) as never;
  });
}

describe('host permissions (Firefox)', () => {
  it('notices a revoked permission in the popup and the side panel, and each asks for it again', async () => {
    const popup = await openFirefoxExtensionPage(firefox, 'popup.html');
    const panel = await openFirefoxExtensionPage(firefox, 'sidepanel.html');
    await popup.waitForSelector('header');
    await panel.waitForSelector('header.panel-head');
    expect(await popup.$('[data-field="permission-notice"]')).toBeNull();
    expect(await panel.$('[data-field="permission-notice"]')).toBeNull();
    const origins: string[] = await popup.evaluate(() => (browser.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? []);
    const app = origins.find((o) => o.startsWith('http://127.0.0.1') || o.includes('localhost'))!;
    expect(await popup.evaluate((o: string) => browser.permissions.remove({ origins: [o] }), app)).toBe(true);

    for (const page of [popup, panel]) {
      // Both pages were open already: the change itself is noticed, not only a fresh check at opening.
      await page.waitForSelector('[data-field="permission-notice"]');
      expect(await page.$eval('[data-field="permission-notice"]', (e) => e.textContent)).toContain(app.replace(/\/\*$/, ''));
      await recordRequests(page);
      await page.click('[data-action="grant-permissions"]');
      await page.waitForFunction(() => (window as unknown as { asked: unknown[] }).asked.length === 1);
      expect(await page.evaluate(() => (window as unknown as { asked: string[][] }).asked[0])).toContain(app);
    }
  });
});
