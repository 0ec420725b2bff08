// Pairing without a code in Chromium: `ebox-keeper install` (into a temporary HOME: no autostart, the test runs
// the helper itself) registers the native-messaging host; Chromium started as that user, with the extension's
// stable ID (manifest key), pairs with the helper as the extension is installed, and the options page shows it
// paired, not the code form.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { CHROME_EXTENSION_ID } from '../../shared/extension-ids.ts';
import { launchChromium } from './harness/chromium.ts';
import { extensionId, openExtensionPage, waitInWorker } from './harness/extension.ts';
import { HELPER_BIN, startHelper, type HelperProcess } from './harness/helper-process.ts';

const home = mkdtempSync(join(tmpdir(), 'ebk-e2e-home-'));
let helper: HelperProcess;
let browser: Browser;

beforeAll(async () => {
  helper = await startHelper({ dataDir: join(home, '.local', 'share', 'ebox-keeper') });
  const port = new URL(helper.url).port;
  execFileSync(process.execPath, [HELPER_BIN, 'install', '--no-autostart', '--port', port, '--data-dir', helper.dataDir], { env: { ...process.env, HOME: home }, encoding: 'utf8' });
  browser = await launchChromium({ userDataDir: join(home, '.config', 'chromium'), env: { HOME: home } });
});

afterAll(async () => {
  await browser?.close();
  await helper?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('pairing through the native host (Chromium)', () => {
  it('pairs as the extension starts, with no code, and the helper accepts the secret', async () => {
    expect(await extensionId(browser)).toBe(CHROME_EXTENSION_ID);
    const origin = await waitInWorker(browser, async () => {
      const { helperConnection } = await chrome.storage.local.get('helperConnection');
      return (helperConnection as { pairing?: { origin: string } } | undefined)?.pairing?.origin;
    }, 30_000);
    expect(origin).toBe(`chrome-extension://${CHROME_EXTENSION_ID}`);
    expect(helper.pairingCode).toBeDefined(); // the helper offered a code, which nobody typed

    const page = await openExtensionPage(browser, 'options.html');
    await page.waitForSelector('[data-field="pairing"]', { timeout: 15_000 });
    expect(await page.$('#pair-code')).toBeNull();
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.waitForSelector('[data-field="helper-status"][data-state="connected"]', { timeout: 15_000 });
  });
});
