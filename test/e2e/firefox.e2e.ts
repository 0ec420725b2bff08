// The Firefox sandbox build in Debian's firefox-esr, as a user goes: pairing with the one-time code (it used to fail
// with 403: the extension sent the gecko id while its Origin carries the per-install UUID); the overlay on the
// sandbox e-Box in the e-Box's language, following it when the app switches language; filing and archiving a
// message; the receipt made on opening a registered message; an evidence bundle of the archive that the real
// `ebox-keeper verify-bundle` passes. (Pairing without a code through the native host: native-pairing.e2e.ts.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.ts';
import { createTimestampAuthority } from '../tsa/authority.ts';
import { startTsa, type RunningTsa } from '../tsa/server.ts';
import { FIREFOX_EXTENSION_ORIGIN, launchFirefox, openFirefoxExtensionPage } from './harness/firefox.ts';
import { HELPER_BIN, startHelper, type HelperProcess } from './harness/helper-process.ts';
import { inboxMessageIds, signIn } from './harness/sandbox-app.ts';

let sandbox: Sandbox;
let tsa: RunningTsa;
let helper: HelperProcess;
let firefox: Browser;
const downloads = mkdtempSync(join(tmpdir(), 'ebk-ff-downloads-'));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, size: 20, now: new Date('2026-11-23T09:30:00Z'), scenario: [scenarios.registered()] });
  tsa = await startTsa({ authority: await createTimestampAuthority() });
  helper = await startHelper({ args: ['--tsa-url', tsa.url] });
  firefox = await launchFirefox({ downloads });
});

afterAll(async () => {
  await firefox?.close().catch(() => undefined);
  await helper?.stop();
  await tsa?.close();
  await sandbox?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const pairing = (page: Page) =>
  page.evaluate(async () => {
    const { helperConnection } = await browser.storage.local.get('helperConnection');
    return (helperConnection as { pairing?: { origin: string; secret: string } } | undefined)?.pairing ?? null;
  });

/** The overlay's "file" button on the first inbox row: its words, in whatever language the overlay speaks. */
const fileButtonWords = (page: Page) =>
  page.$eval('tr.message-row ebox-keeper-row >>> button[data-action=file]', (e) => `${e.textContent} ${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);

describe('e-Box Keeper in Firefox', () => {
  it('pairs with the one-time code: the helper knows the extension by its moz-extension UUID', async () => {
    const page = await openFirefoxExtensionPage(firefox, 'options.html');
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
    expect((await pairing(page))?.origin).toBe(FIREFOX_EXTENSION_ORIGIN);
    expect(helper.output()).toContain(`paired ${FIREFOX_EXTENSION_ORIGIN}`);
  });

  it('decorates the sandbox e-Box inbox with the overlay, in French like the e-Box although the browser is English, and follows the app to Dutch', async () => {
    const page = await firefox.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, sandbox);
    const ids = await inboxMessageIds(page);
    await page.waitForFunction((n: number) => document.querySelectorAll('tr.message-row ebox-keeper-row').length === n, {}, ids.length);
    expect(await page.evaluate(() => [navigator.language, document.documentElement.lang])).toEqual(['en-US', 'fr']);
    const file = await page.waitForSelector('tr.message-row ebox-keeper-row >>> button[data-action=file]');
    expect(await file!.evaluate((e) => `${e.textContent} ${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`)).toContain('Classer');

    // The app switches to Dutch in place (its <html lang>, no reload): the overlay follows.
    await page.click('.lang-switch button[data-lang=nl]');
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await page.waitForFunction(() => {
      const b = document.querySelector('tr.message-row ebox-keeper-row')?.shadowRoot?.querySelector('button[data-action=file]');
      return b && `${b.textContent} ${b.getAttribute('title') ?? ''} ${b.getAttribute('aria-label') ?? ''}`.includes('Klasseren');
    });
    expect(await fileButtonWords(page)).not.toContain('Classer');
    await page.click('.lang-switch button[data-lang=fr]');
    await page.waitForFunction(() => {
      const b = document.querySelector('tr.message-row ebox-keeper-row')?.shadowRoot?.querySelector('button[data-action=file]');
      return b && `${b.textContent} ${b.getAttribute('title') ?? ''} ${b.getAttribute('aria-label') ?? ''}`.includes('Classer');
    });
    await page.close();
  });

  it('files a message under a label and archives it from the message view; the archive page lists it', async () => {
    const message = sandbox.data.mailbox.messages.find((m) => !m.registeredMail && m.documents.length > 0)!;
    const page = await firefox.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, sandbox, { path: `/messages/${message.messageId}` });
    const panel = 'ebox-keeper-panel';
    await page.waitForSelector(`${panel} >>> input[name=new-label]`);
    await page.type(`${panel} >>> input[name=new-label]`, 'Fiscalité');
    await page.click(`${panel} >>> button[data-action=add-label]`);
    await page.waitForSelector(`${panel} >>> input[data-label-id]:checked`);
    await page.click(`${panel} >>> button[data-action=archive]`);
    await page.waitForSelector(`${panel} >>> [data-part=archived-at]`, { timeout: 30_000 });
    await page.close();

    const archive = await openFirefoxExtensionPage(firefox, 'archive.html');
    await archive.waitForSelector(`.result[data-message-id="${message.messageId}"]`);
    expect(await archive.$eval(`.result[data-message-id="${message.messageId}"]`, (e) => e.textContent)).toContain('Fiscalité');
    await archive.close();
  });

  it('acknowledges a registered message on opening it: the panel shows the receipt the helper signed', async () => {
    const message = sandbox.data.scenarioMessages.find((m) => m.registeredMail)!;
    const page = await firefox.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, sandbox, { path: `/messages/${message.messageId}` });
    await page.waitForSelector('ebox-keeper-proofs >>> [data-field=not-acknowledged], ebox-keeper-proofs >>> [data-field=acknowledged]');
    // Read as a user reads a letter: its main document fetched from the e-Box is the opening (the sandbox's letter
    // has no body, whose reading would be one too).
    await page.click('li.document[data-main-content=true] button.document-download');
    await page.waitForSelector('ebox-keeper-proofs >>> [data-field=acknowledged]', { timeout: 30_000 });
    expect(await page.$eval('ebox-keeper-proofs >>> [data-field=inclusion]', (e) => e.getAttribute('data-status'))).toBe('verified');
    await page.close();

    const options = await openFirefoxExtensionPage(firefox, 'options.html');
    const { secret } = (await pairing(options))!;
    await options.close();
    const res = await fetch(`${helper.url}/v1/receipts?messageId=${message.messageId}`, { headers: { [SECRET_HEADER]: secret } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { receipt: { documents: { digestCheck: string }[] } }[] };
    expect(items).toHaveLength(1);
    expect(items[0]!.receipt.documents).toHaveLength(message.documents.length);
    expect(items[0]!.receipt.documents.every((d) => d.digestCheck === 'match')).toBe(true);
  });

  it('exports the archive as an evidence bundle that verify-bundle passes', async () => {
    const archive = await openFirefoxExtensionPage(firefox, 'archive.html');
    await archive.waitForSelector('[data-part=result-count]:not([data-count="0"])');
    const shown = Number(await archive.$eval('[data-part=result-count]', (e) => e.getAttribute('data-count')));
    await archive.click('[data-action=bundle]');
    await archive.waitForSelector(`[data-part=bundle-what][data-count="${shown}"]`);
    await archive.click('[data-action=bundle-start]');
    await archive.waitForSelector('[data-part=bundle-dialog][data-phase=done]', { timeout: 90_000 });
    const fileName = await archive.$eval('[data-part=bundle-file]', (p) => p.getAttribute('data-file')!);
    expect(fileName).toMatch(/^e-box-bundle-.+\.asice$/);
    await archive.close();

    // Firefox saved it, under the extension's name, into the download folder; the auditor pins the signer.
    const file = join(downloads, fileName);
    expect(existsSync(file)).toBe(true);
    const signerPem = join(downloads, 'signer.pem');
    writeFileSync(signerPem, execFileSync('unzip', ['-p', file, 'certificates/signer.pem']));
    const verified = spawnSync(process.execPath, [HELPER_BIN, 'verify-bundle', file, '--json', '--trust', signerPem], { encoding: 'utf8' });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    const v = JSON.parse(verified.stdout) as { indication: string; counts: { messages: number }; passed: Record<string, number> };
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.counts.messages).toBe(shown);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  }, 180_000);

});
