// The registered-message proof panel end to end: the built extension, a real helper process and the sandbox e-Box
// with its QERDS provider. Unpaired, the panel says so and nothing is made; paired through the options page, opening
// a registered message makes one receipt (not a second on reopening) and the panel shows it, its inclusion checked
// in the extension, and the PDF downloads. A qualified registered message archived from the overlay gets its three
// evidences: first refused for want of a trusted list (the panel says so), then, once the sandbox's list is in the
// helper's data folder, verified TOTAL_PASSED and shown as the chain.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { qerdsPki } from '../qerds/pki.ts';
import { sandboxTrustedList } from '../qerds/provider.ts';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { pollUntil } from './expiry-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage } from './harness/extension.ts';
import { signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';
import { formatCbe } from '../../shared/ebox/enterprise.ts';
import { pairThroughOptions } from './harness/pairing.ts';

const env = useE2EEnvironment({ helper: true, sandbox: { seed: 5, size: 0, scenario: [scenarios.registered(), scenarios.qualifiedRegistered()] } });

const PANEL = 'ebox-keeper-proofs';
const FILING = 'ebox-keeper-panel';
const registered = () => env.sandbox.data.scenarioMessages.find((m) => m.registeredMail && !m.qerds)!;
const qualified = () => env.sandbox.data.scenarioMessages.find((m) => m.qerds)!;

async function openMessage(messageId: string): Promise<Page> {
  const page = await env.newPage();
  await page.setViewport({ width: 1200, height: 1000 });
  await signIn(page, env.sandbox, { path: `/messages/${messageId}` });
  return page;
}

/** The text of a part of the panel: waited for, and read again if the panel redrew it meanwhile (it redraws as the
 *  page's facts arrive). */
async function panelText(page: Page, selector: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await page.waitForSelector(`${PANEL} >>> ${selector}`))!.evaluate((e) => e.textContent ?? '');
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** What the helper itself keeps, asked with the extension's own pairing secret. */
async function helperGet<T>(path: string): Promise<T> {
  const secret = await evaluateInWorker(env.browser, async () => ((await chrome.storage.local.get('helperConnection')).helperConnection as { pairing: { secret: string } }).pairing.secret);
  const res = await fetch(`${env.helper!.url}/v1${path}`, { headers: { [SECRET_HEADER]: secret } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function setOption(checkboxId: string, checked: boolean): Promise<void> {
  const options = await openExtensionPage(env.browser, 'options.html');
  await options.waitForSelector(`#${checkboxId}`);
  if ((await options.$eval(`#${checkboxId}`, (e) => (e as HTMLInputElement).checked)) !== checked) await options.click(`#${checkboxId}`);
  await options.click('#save');
  await options.waitForSelector('[data-field="save-result"].saved');
  await options.close();
}

describe('proof panel', () => {
  it('unpaired: a registered message shows the panel saying so, with the way to the settings, and no receipt', async () => {
    const page = await openMessage(registered().messageId);
    await page.waitForSelector(`${PANEL} >>> [data-field=helper][data-state=not-paired]`, { timeout: 20_000 });
    expect(await panelText(page, '[data-field=helper]')).toMatch(/not paired|pas couplé/i);
    expect(await page.$(`${PANEL} >>> button[data-action=open-settings]`)).not.toBeNull();
    expect(await page.$(`${PANEL} >>> [data-field=acknowledged]`)).toBeNull();
    await page.close();
  });

  it('paired through the options page: opening a registered message acknowledges it once; the panel shows it and the PDF downloads', async () => {
    const options = await openExtensionPage(env.browser, 'options.html');
    await pairThroughOptions(options, env.helper!);
    await options.close();

    const message = registered();
    const page = await openMessage(message.messageId);
    await page.waitForSelector(`${PANEL} >>> [data-field=acknowledged]`, { timeout: 30_000 });
    const company = env.sandbox.company;
    // Nobody signed in is known and no name is set in the options: the receipt names nobody, for the company.
    expect(await panelText(page, '[data-field=acknowledged]')).toContain(`(${formatCbe(company.enterpriseNumber)})`);
    expect(await page.$eval(`${PANEL} >>> [data-field=inclusion]`, (e) => e.getAttribute('data-status'))).toBe('verified');
    expect(await page.$(`${PANEL} >>> [data-field=development]`)).not.toBeNull();
    const [receipt] = (await helperGet<{ items: { receiptId: string; receipt: { openedBy: { name?: string; unknownPerson?: true }; enterprise?: { cbe: string } | null; documents: { digestCheck: string }[] } }[] }>(`/receipts?messageId=${message.messageId}`)).items;
    expect(receipt!.receipt.documents).toHaveLength(message.documents.length);
    expect(receipt!.receipt.documents.every((d) => d.digestCheck === 'match')).toBe(true);
    // Nobody is signed in by name in the sandbox and none was given in the options: an unknown person of this company.
    expect(receipt!.receipt.openedBy).toEqual({ unknownPerson: true });
    expect(receipt!.receipt.enterprise?.cbe).toBe(company.enterpriseNumber);

    // Saved by chrome.downloads under the name the worker gives it (a CDP download override would rename it).
    await page.click(`${PANEL} >>> button[data-action=download-pdf]`);
    await page.waitForSelector(`${PANEL} >>> [data-field=proofs-status]`);
    let saved = '';
    await pollUntil(async () => {
      saved = await evaluateInWorker(env.browser, async () => (await chrome.downloads.search({ state: 'complete' })).map((d) => d.filename).find((f) => /receipt-[^/]+\.pdf$/.test(f)) ?? '');
      return saved !== '';
    }, 'the receipt PDF is downloaded');
    expect(saved.endsWith(`receipt-${receipt!.receiptId}.pdf`)).toBe(true);
    const pdf = readFileSync(saved);
    rmSync(saved);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1000);
    await page.close();

    // Opened again: the same receipt, not a second one.
    const again = await openMessage(message.messageId);
    await again.waitForSelector(`${PANEL} >>> [data-field=acknowledged]`, { timeout: 30_000 });
    const after = await helperGet<{ items: { receiptId: string }[] }>(`/receipts?messageId=${message.messageId}`);
    expect(after.items.map((r) => r.receiptId)).toEqual([receipt!.receiptId]);
    await again.close();
  });


  it('qualified registered: archived from the overlay, its evidences are fetched; without a trusted list the panel says so, with it the chain passes', async () => {
    await setOption('acknowledge-on-open', false);
    const message = qualified();
    const page = await openMessage(message.messageId);
    await page.waitForSelector(`${PANEL} >>> [data-field=not-acknowledged]`, { timeout: 30_000 });
    expect(await page.$$eval(`${PANEL} >>> li.step`, (steps) => steps.map((s) => s.getAttribute('data-indication')))).toEqual(['MISSING', 'MISSING', 'MISSING']);

    await page.click(`${FILING} >>> button[data-action=archive]`);
    await page.waitForSelector(`${PANEL} >>> [data-field=no-trusted-list]`, { timeout: 30_000 });
    expect(await panelText(page, '[data-field=no-trusted-list]')).toContain('trusted-list.xml');

    const pki = await qerdsPki();
    writeFileSync(join(env.helper!.dataDir, 'trusted-list.xml'), await sandboxTrustedList());
    writeFileSync(join(env.helper!.dataDir, 'trusted-list-signer.pem'), pki.listOperator.pem);
    await page.click(`${PANEL} >>> button[data-action=fetch-evidences]`);
    await page.waitForFunction(
      (host: string) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('li.step') ?? [])].filter((s) => s.getAttribute('data-indication') === 'TOTAL_PASSED').length === 3,
      { timeout: 30_000 },
      PANEL,
    );
    expect(await page.$$eval(`${PANEL} >>> li.step`, (steps) => steps.map((s) => s.getAttribute('data-event')))).toEqual(['submission', 'consignment', 'handover']);
    const kept = await helperGet<{ items: { report: { indication: string; provider: { qualified: boolean } } }[] }>(`/evidence?messageId=${message.messageId}`);
    expect(kept.items.map((e) => e.report.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(kept.items.every((e) => e.report.provider.qualified)).toBe(true);

    // The handover's EN 319 102-1 report, as the panel's "Report (PDF)" saves it.
    await page.click(`${PANEL} >>> li.step[data-event=handover] button[data-action=download-report]`);
    let report = '';
    await pollUntil(async () => {
      report = await evaluateInWorker(env.browser, async () => (await chrome.downloads.search({ state: 'complete' })).map((d) => d.filename).find((f) => /evidence-report-\d+\.pdf$/.test(f)) ?? '');
      return report !== '';
    }, 'the handover report PDF is downloaded');
    const reportPdf = readFileSync(report);
    rmSync(report);
    expect(reportPdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.click(`${PANEL} >>> button[data-action=acknowledge]`);
    await page.waitForSelector(`${PANEL} >>> [data-field=acknowledged]`, { timeout: 30_000 });
    await page.setViewport({ width: 1200, height: 1400 });
    await page.$eval('header.message-header', (e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'proof-panel');
    await page.close();
    await setOption('acknowledge-on-open', true);
  });
});
