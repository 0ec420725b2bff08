// Issue 12, end to end in Chromium: two companies signed in one after the other in the sandbox e-Box. A rule of
// company A files A's mail and never touches B's; every message is recorded under the company whose e-Box served
// it; the badge counts and names the company whose e-Box is open; the archive page and the popup open on that
// company and show only its mail, and switch to the other on request.
import { describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage, openPopup, serviceWorker } from './harness/extension.ts';
import { inboxMessageIds, signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';
import { pollUntil } from './expiry-support.ts';

const env = useE2EEnvironment({ sandbox: { seed: 12, size: 18, now: new Date('2026-11-23T09:30:00Z') } });

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
    const idsA = await inboxMessageIds(page);
    expect(idsA.length).toBeGreaterThan(5);
    await pollUntil(async () => (await stored(env.browser)).filter((m) => idsA.includes(m.messageId) && m.tags.includes('filed-by-a')).length === idsA.length, "A's messages are recorded and filed by A's rule");

    await signIn(page, env.sandbox, { company: B });
    const idsB = await inboxMessageIds(page);
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
    await popup.close();
    await page.close();
  });
});
