// As on a fresh machine: `npm run package` makes the Chrome .zip and the Firefox .xpi; the .zip, unzipped, is
// loaded in Chromium as a policy or "load unpacked" install would, the .xpi installed in firefox-esr. `ebox-keeper
// install` (into a temporary HOME: no autostart, the test runs the helper itself) registers the native-messaging
// host; each browser, started as that user, pairs with the helper as the packaged extension starts, with no code,
// and its options page shows it paired rather than the code form.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../shared/extension-ids.ts';
import { launchChromium } from './harness/chromium.ts';
import { extensionId, openExtensionPage, waitInWorker } from './harness/extension.ts';
import { FIREFOX_EXTENSION_ORIGIN, launchFirefox, openFirefoxExtensionPage } from './harness/firefox.ts';
import { HELPER_BIN, startHelper, type HelperProcess } from './harness/helper-process.ts';
import { REPO_ROOT } from './harness/paths.ts';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const OUT = join(REPO_ROOT, '.output');
const home = mkdtempSync(join(tmpdir(), 'ebk-e2e-home-'));
const unpacked = join(home, 'ebox-keeper-chrome');
let helper: HelperProcess;
const browsers: Browser[] = [];

function unzipTo(zip: string, dir: string): void {
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  unzipTo(join(OUT, `ebox-keeper-${version}-chrome.zip`), unpacked);
  helper = await startHelper({ dataDir: join(home, '.local', 'share', 'ebox-keeper') });
  const port = new URL(helper.url).port;
  execFileSync(process.execPath, [HELPER_BIN, 'install', '--no-autostart', '--port', port, '--data-dir', helper.dataDir], { env: { ...process.env, HOME: home }, encoding: 'utf8' });
}, 600_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await helper?.stop();
  rmSync(home, { recursive: true, force: true });
});

async function expectPairedWithoutCode(options: Page, popup: Page): Promise<void> {
  await options.waitForSelector('[data-field="pairing"]', { timeout: 30_000 });
  expect(await options.$('#pair-code')).toBeNull();
  await popup.waitForSelector('[data-field="helper-status"][data-state="connected"]', { timeout: 15_000 });
}

describe('the packaged builds pair through the native host, with no code', () => {
  it('npm run package wrote the .zip, the .xpi and their checksums', () => {
    const files = readdirSync(OUT);
    expect(files).toEqual(expect.arrayContaining([`ebox-keeper-${version}-chrome.zip`, `ebox-keeper-${version}-firefox.xpi`, 'SHA256SUMS']));
    const sums = readFileSync(join(OUT, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(new RegExp(`^[0-9a-f]{64}  ebox-keeper-${version.replaceAll('.', '\\.')}-chrome\\.zip$`, 'm'));
    expect(sums).toMatch(new RegExp(`^[0-9a-f]{64}  ebox-keeper-${version.replaceAll('.', '\\.')}-firefox\\.xpi$`, 'm'));
    type Manifest = { name: string; icons: Record<string, string>; key?: string; browser_specific_settings?: { gecko: { id: string } } };
    const manifestOf = (file: string) => {
      const entries = unzipSync(readFileSync(join(OUT, file)));
      return { manifest: JSON.parse(new TextDecoder().decode(entries['manifest.json']!)) as Manifest, entries };
    };
    const chrome = manifestOf(`ebox-keeper-${version}-chrome.zip`);
    const firefox = manifestOf(`ebox-keeper-${version}-firefox.xpi`);
    expect(chrome.manifest.key).toBeDefined();
    expect(firefox.manifest.browser_specific_settings?.gecko.id).toBe(FIREFOX_EXTENSION_ID);
    for (const { manifest, entries } of [chrome, firefox]) {
      // Every size a store, a toolbar or a policy-managed install asks for, each a file in the package.
      expect(Object.keys(manifest.icons).map(Number).sort((a, b) => a - b)).toEqual([16, 32, 48, 96, 128]);
      for (const icon of Object.values(manifest.icons)) expect(entries[icon.replace(/^\//, '')], icon).toBeDefined();
      expect(manifest.name).toBe('__MSG_extName__');
      for (const lang of ['en', 'fr', 'nl', 'de']) expect(entries[`_locales/${lang}/messages.json`], lang).toBeDefined();
    }
  });

  it('Chromium with the unzipped .zip', async () => {
    const browser = await launchChromium({ extensionDir: unpacked, userDataDir: join(home, '.config', 'chromium'), env: { HOME: home } });
    browsers.push(browser);
    expect(await extensionId(browser)).toBe(CHROME_EXTENSION_ID);
    const origin = await waitInWorker(browser, async () => {
      const { helperConnection } = await chrome.storage.local.get('helperConnection');
      return (helperConnection as { pairing?: { origin: string } } | undefined)?.pairing?.origin;
    }, 30_000);
    expect(origin).toBe(`chrome-extension://${CHROME_EXTENSION_ID}`);
    expect(helper.pairingCode).toBeDefined(); // the helper offered a code, which nobody typed
    await expectPairedWithoutCode(await openExtensionPage(browser, 'options.html'), await openExtensionPage(browser, 'popup.html'));
  });

  it('firefox-esr with the .xpi', async () => {
    const firefox = await launchFirefox({ extension: join(OUT, `ebox-keeper-${version}-firefox.xpi`), env: { HOME: home } });
    browsers.push(firefox);
    const options = await openFirefoxExtensionPage(firefox, 'options.html');
    await expectPairedWithoutCode(options, await openFirefoxExtensionPage(firefox, 'popup.html'));
    const origin = await options.evaluate(async () => {
      const { helperConnection } = await browser.storage.local.get('helperConnection');
      return (helperConnection as { pairing?: { origin: string } } | undefined)?.pairing?.origin ?? null;
    });
    expect(origin).toBe(FIREFOX_EXTENSION_ORIGIN);
  });
});
