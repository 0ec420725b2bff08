// Issue 12, end to end in Chromium: two companies signed in one after the other in the sandbox e-Box. A rule of
// company A files A's mail and never touches B's; every message is recorded under the company whose e-Box served
// it; the badge counts and names the company whose e-Box is open; the archive page and the popup open on that
// company and show only its mail, and switch to the other on request. An evidence bundle covers the chosen
// company only, and its report.pdf names each message's company (and, on the first page, every company it holds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startTsa, type RunningTsa } from '../tsa/server.ts';
import { createTimestampAuthority } from '../tsa/authority.ts';
import { startHelper, type HelperProcess } from './harness/helper-process.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage, openPopup, serviceWorker } from './harness/extension.ts';
import { inboxMessageIds, signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';
import { pollUntil } from './expiry-support.ts';
import { pairExtension } from './harness/pairing.ts';

const env = useE2EEnvironment({ sandbox: { seed: 12, size: 18, now: new Date('2026-11-23T09:30:00Z') } });
const downloads = mkdtempSync(join(tmpdir(), 'companies-e2e-'));
let tsa: RunningTsa;
let helper: HelperProcess;
beforeAll(async () => {
  tsa = await startTsa({ authority: await createTimestampAuthority() });
  helper = await startHelper({ args: ['--tsa-url', tsa.url] });
}, 60_000);
afterAll(async () => {
  await helper?.stop();
  await tsa?.close();
  rmSync(downloads, { recursive: true, force: true });
});
let idsA: string[] = [];
let idsB: string[] = [];

interface Stored {
  messageId: string;
  enterprise: string;
  tags: string[];
}

function stored(browser: Browser): Promise<Stored[]> {
  return evaluateInWorker(browser, () =>
    new Promise<Stored[]>((resolve, reject) => {
      const open = indexedDB.open('ebox-keeper-archive');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('messages').objectStore('messages').getAll();
        req.onsuccess = () => (open.result.close(), resolve((req.result as Stored[]).map(({ messageId, enterprise, tags }) => ({ messageId, enterprise, tags }))));
        req.onerror = () => reject(req.error);
      };
    }),
  );
}

describe('one company at a time', () => {
  it("files each company's mail under it, applies A's rule to A's mail only, and shows the open company's mail", async () => {
    const [a, b] = env.sandbox.companies;
    const A = a!.enterpriseNumber, B = b!.enterpriseNumber;
    await serviceWorker(env.browser);
    // Company A's rules (registered or not: every message of A), saved as the archive page saves them.
    await evaluateInWorker(
      env.browser,
      (cbe: string) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('ebox-keeper-archive');
          open.onsuccess = () => {
            const tx = open.result.transaction('rules', 'readwrite');
            for (const registered of [true, false]) tx.objectStore('rules').put({ id: `rule-${registered}`, name: 'A only', enabled: true, enterprise: cbe, when: { registered }, then: { labels: [], tags: ['filed-by-a'], archive: false } });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      A,
    );

    const page = await env.newPage();
    await signIn(page, env.sandbox, { company: A });
    idsA = await inboxMessageIds(page);
    expect(idsA.length).toBeGreaterThan(5);
    await pollUntil(async () => (await stored(env.browser)).filter((m) => idsA.includes(m.messageId) && m.tags.includes('filed-by-a')).length === idsA.length, "A's messages are recorded and filed by A's rule");

    await signIn(page, env.sandbox, { company: B });
    idsB = await inboxMessageIds(page);
    expect(idsB.length).toBeGreaterThan(5);
    expect(idsB.some((id) => idsA.includes(id))).toBe(false);
    await pollUntil(async () => (await stored(env.browser)).filter((m) => idsB.includes(m.messageId)).length === idsB.length, "B's messages are recorded");

    const all = await stored(env.browser);
    for (const m of all.filter((x) => idsA.includes(x.messageId))) expect([m.messageId, m.enterprise, m.tags]).toEqual([m.messageId, A, ['filed-by-a']]);
    // The rule of A was there all along, and B's mail is untouched by it.
    for (const m of all.filter((x) => idsB.includes(x.messageId))) expect([m.messageId, m.enterprise, m.tags]).toEqual([m.messageId, B, []]);

    // The badge counts the open e-Box's company (B) and says which.
    const worker = await serviceWorker(env.browser);
    await pollUntil(async () => (await worker.evaluate(() => chrome.action.getTitle({}))).includes(b!.name), 'the badge title names company B');

    // The archive page opens on B and shows only B's mail; A's is one choice away.
    const archive = await openExtensionPage(env.browser, 'archive.html');
    await archive.waitForSelector(`[data-part=result-count][data-company="${B}"][data-count="${idsB.length}"]`);
    await archive.waitForSelector('.archive-page[data-ready=index]');
    const rowCompanies = () => archive.$$eval('.vlist .result', (rows) => [...new Set(rows.map((r) => r.getAttribute('data-company')))]);
    expect(await rowCompanies()).toEqual([B]);
    await screenshot(archive, 'archive-company-switcher');
    await archive.select('[data-part=company-switcher] select', A);
    await archive.waitForSelector(`[data-part=result-count][data-company="${A}"][data-count="${idsA.length}"]`);
    expect(await rowCompanies()).toEqual([A]);
    // "All companies" only when chosen: then both, each row saying whose it is.
    await archive.select('[data-part=company-switcher] select', '*');
    await archive.waitForSelector(`[data-part=result-count][data-company="*"][data-count="${idsA.length + idsB.length}"]`);
    expect((await rowCompanies()).sort()).toEqual([A, B].sort());
    await archive.close();

    // The popup opens on B too.
    const popup = await openPopup(env.browser, page);
    await popup.waitForSelector(`[data-part=company-switcher][data-company="${B}"]`);
    // Its counts are B's mail alone: with A's they make the counts of "all companies"; any reminders listed are B's.
    const notArchived = async (key: string) => {
      await popup.select('[data-part=company-switcher] select', key);
      await popup.waitForSelector(`[data-part=company-switcher][data-company="${key}"]`);
      return popup.$eval('[data-count=not-archived] strong', (e) => Number(e.textContent));
    };
    await popup.waitForSelector('[data-count=not-archived] strong');
    expect((await popup.$$eval('.company-group', (gs) => gs.map((g) => g.getAttribute('data-company')))).filter((k) => k !== B)).toEqual([]);
    const [countB, countA, countAll] = [await notArchived(B), await notArchived(A), await notArchived('*')];
    expect(countB).toBeGreaterThan(0);
    expect(countB).toBeLessThanOrEqual(idsB.length);
    expect(countA).toBeLessThanOrEqual(idsA.length);
    expect(countAll).toBe(countA + countB);
    await popup.close();
    await page.close();
  });

  it("exports a bundle of the chosen company's mail only; report.pdf names each message's company", async () => {
    const [a, b] = env.sandbox.companies;
    const B = b!.enterpriseNumber;
    await pairHelper();
    const archive = await openExtensionPage(env.browser, 'archive.html');
    await archive.setViewport({ width: 1280, height: 900 });
    await archive.waitForSelector(`[data-part=result-count][data-company="${B}"][data-count="${idsB.length}"]`);
    await archive.waitForSelector('.archive-page[data-ready=index]');

    // Nothing selected, the archive open on B: the bundle is everything B's filter shows, and nothing of A's.
    const onlyB = await exportBundle(archive, idsB.length);
    expect(onlyB.messageIds.sort()).toEqual([...idsB].sort());
    expect(onlyB.companyOf.size).toBe(idsB.length);
    for (const id of idsB) expect(onlyB.companyOf.get(id), id).toContain(b!.name);
    expect(onlyB.report).not.toContain(a!.name);

    // "All companies", one message of each selected: each named with its own company, both on the first page.
    await archive.select('[data-part=company-switcher] select', '*');
    await archive.waitForSelector(`[data-part=result-count][data-company="*"][data-count="${idsA.length + idsB.length}"]`);
    for (const id of [idsA[0]!, idsB[0]!]) {
      const box = `.result[data-message-id="${id}"] input[type=checkbox]`;
      for (let top = 0; !(await archive.$(box)); top += 300) {
        await archive.$eval('.vlist', (l, y) => new Promise<void>((resolve) => ((l.scrollTop = y), requestAnimationFrame(() => requestAnimationFrame(() => resolve())))), top);
        if (top > 20_000) throw new Error(`row ${id} not found`);
      }
      await archive.$eval(box, (x) => (x as HTMLInputElement).click());
      await archive.waitForSelector(`${box}:checked`);
    }
    const both = await exportBundle(archive, 2);
    expect(both.messageIds.sort()).toEqual([idsA[0]!, idsB[0]!].sort());
    expect(both.companyOf.get(idsA[0]!)).toContain(a!.name);
    expect(both.companyOf.get(idsB[0]!)).toContain(b!.name);
    // Long lines wrap in the PDF.
    const firstPage = both.report.split('\f')[0]!.replace(/\s+/g, ' ');
    expect(firstPage).toContain(a!.name);
    expect(firstPage).toContain(b!.name);
    expect(firstPage).toMatch(/Companies of the messages \(2\)/);
    await archive.close();
  }, 240_000);
});

/** Pairs with the helper as the options page would, and keeps the pairing where the extension keeps it. */
const pairHelper = () => pairExtension(env.browser, env.extensionId, helper).then(() => undefined);

/** Runs the bundle dialog to the end; returns the bundle's messages and, from report.pdf, each one's company. */
async function exportBundle(page: Page, count: number): Promise<{ messageIds: string[]; report: string; companyOf: Map<string, string> }> {
  await page.click('[data-action=bundle]');
  await page.waitForSelector(`[data-part=bundle-what][data-count="${count}"]`);
  // Several companies in one bundle only when the user says so.
  const several = await page.$('input[name=bundle-several]');
  if (several) await several.click();
  await page.click('[data-action=bundle-start]:not([disabled])');
  await page.waitForSelector('[data-part=bundle-dialog][data-phase=done]', { timeout: 90_000 });
  const fileName = await page.$eval('[data-part=bundle-file]', (p) => p.getAttribute('data-file')!);
  const saved = await evaluateInWorker(env.browser, (name) => chrome.downloads.search({ state: 'complete' }).then((all) => all.filter((d) => d.filename.endsWith(`/${name}`)).map((d) => ({ id: d.id, path: d.filename }))), fileName);
  expect(saved).toHaveLength(1);
  const file = join(downloads, fileName);
  writeFileSync(file, readFileSync(saved[0]!.path));
  await evaluateInWorker(env.browser, (id) => chrome.downloads.removeFile(id), saved[0]!.id);
  await page.click('[data-action=bundle-close]');
  const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
  const messageIds = [...new Set(entries.flatMap((n) => n.match(/^messages\/([^/]+)\//)?.[1] ?? []))];
  const pdf = join(downloads, 'report.pdf');
  writeFileSync(pdf, execFileSync('unzip', ['-p', file, 'report.pdf']));
  const report = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  // Each message's block: "Company: …" a few lines before its "Message id: …".
  const companyOf = new Map<string, string>();
  let company = '';
  for (const line of report.split('\n')) {
    if (line.startsWith('Company: ')) company = line.slice('Company: '.length);
    const id = line.match(/^Message id: (\S+)/)?.[1];
    if (id) companyOf.set(id, company);
  }
  return { messageIds, report, companyOf };
}
