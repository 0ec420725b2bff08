// A revoked host permission is noticed: the popup says e-Box Keeper may no longer read the e-Box, and its button
// asks for the permission again (permissions.request from the click). In Firefox, where MV3 host permissions can be
// revoked (Chrome refuses to remove required ones through the API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchFirefox, openFirefoxExtensionPage } from './harness/firefox.ts';

let firefox: Browser;
beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(() => firefox?.close());

describe('host permissions (Firefox)', () => {
  it('notices a revoked permission in the popup, and asks for it again', async () => {
    const popup = await openFirefoxExtensionPage(firefox, 'popup.html');
    await popup.waitForSelector('header');
    expect(await popup.$('[data-field="permission-notice"]')).toBeNull();
    const origins: string[] = await popup.evaluate(() => (browser.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? []);
    const app = origins.find((o) => o.startsWith('http://127.0.0.1') || o.includes('localhost'))!;
    expect(await popup.evaluate((o: string) => browser.permissions.remove({ origins: [o] }), app)).toBe(true);
    await popup.waitForSelector('[data-field="permission-notice"]');
    expect(await popup.$eval('[data-field="permission-notice"]', (e) => e.textContent)).toContain(app.replace(/\/\*$/, ''));

    await popup.evaluate(() => {
      const original = browser.permissions.request.bind(browser.permissions);
      (window as unknown as { asked: unknown[] }).asked = [];
      browser.permissions.request = ((request: { origins?: string[] }) => {
        (window as unknown as { asked: unknown[] }).asked.push(request.origins);
        return original(request as never);
      }) as never;
    });
    await popup.click('[data-action="grant-permissions"]');
    await popup.waitForFunction(() => (window as unknown as { asked: unknown[] }).asked.length === 1);
    expect(await popup.evaluate(() => (window as unknown as { asked: string[][] }).asked[0])).toContain(app);
  });
});
