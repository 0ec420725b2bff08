// Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi, with the Firefox sandbox build
// installed (../shared/platform-notes.md, Firefox): the pref extensions.webextensions.uuids pins the extension's
// moz-extension:// host, and --remote-allow-system-access lets BiDi open its pages. BiDi cannot click the toolbar
// button or reach the background: tests open extension pages as tabs and call `browser.*` from them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_ID } from '../../../shared/extension-ids.ts';
import { assertExtensionBuilt, VIEWPORT } from './chromium.ts';
import { REPO_ROOT } from './paths.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_SANDBOX_EXTENSION_DIR = join(REPO_ROOT, '.output-sandbox', 'firefox-mv3');
/** The pinned per-install UUID: the extension's Origin is moz-extension://<this>. */
export const FIREFOX_EXTENSION_UUID = '7d3f1c52-0e4b-4a8e-9b61-3c2f5a7e9d10';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

/**
 * `extension`: a built extension's folder or a packaged .xpi (the sandbox build unless given). `downloads`: the
 * folder downloads are saved in, without asking.
 */
export async function launchFirefox(options: { env?: Record<string, string>; locale?: string; extension?: string; downloads?: string } = {}): Promise<Browser> {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: run \`bash scripts/ensure-system-tools.sh\``);
  const extension = options.extension ?? FIREFOX_SANDBOX_EXTENSION_DIR;
  if (extension.endsWith('.xpi')) {
    if (!existsSync(extension)) throw new Error(`No packaged extension at ${extension}: run \`npm run package\``);
  } else assertExtensionBuilt(extension);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: VIEWPORT,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      'intl.locale.requested': options.locale ?? 'en-US',
      'intl.accept_languages': options.locale ?? 'en-US',
      ...(options.downloads ? { 'browser.download.folderList': 2, 'browser.download.dir': options.downloads, 'browser.download.useDownloadDir': true } : {}),
    },
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
  });
  await browser.installExtension(extension);
  return browser;
}

/**
 * Opens an extension page as a tab. page.goto on moz-extension:// may never resolve although the page loads: start
 * it, then poll the location and readyState.
 */
export async function openFirefoxExtensionPage(browser: Browser, path: string, timeout = 15_000): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + timeout;
  for (;;) {
    const ready = await page.evaluate(() => [location.href, document.readyState]).catch(() => null);
    if (ready && ready[0] === url && ready[1] === 'complete') return page;
    if (Date.now() > deadline) throw new Error(`${url} did not load in ${timeout} ms (last: ${JSON.stringify(ready)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
