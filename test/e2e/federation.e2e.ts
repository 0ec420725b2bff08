// A second Document Provider on another origin (the e-Box federation): recognised by the contract's paths, its
// origin not yet permitted, the user asked once with a plain explanation; declined, the notice and diagnostics say
// so and the first provider's messages still archive; nothing the app listed is dropped. Allowed, what waited for
// it is archived on its own.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { answerBulkQuestions, storedMessages } from './archive-support.ts';
import { pollUntil } from './expiry-support.ts';
import type { Sandbox } from '../sandbox/start-sandbox.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker } from './harness/extension.ts';
import { firstPageIds } from './harness/markups.ts';
import { signIn, waitForInbox } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';

/** Clicks an overlay button; the bar may be re-anchored while the app renders a new list, so a detached node is
 *  looked up again. */
async function clickOverlay(page: Page, selector: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.click(selector);
    } catch (e) {
      if (attempt >= 4 || !String(e).includes('detached')) throw e;
      await page.waitForSelector(selector);
    }
  }
}

/** Signs in, opens the second provider's folder, and waits for the notice that its origin is not yet allowed. */
async function openSecondProvider(env: ReturnType<typeof useE2EEnvironment>) {
  const second = new URL(env.sandbox.secondApiUrl!).origin;
  const page = await env.newPage();
  await signIn(page, env.sandbox);
  await page.click('a.folder[data-folder=provider]');
  await waitForInbox(page);
  const notice = `ebox-keeper-notice >>> [data-field=permission][data-origin="${second}"]`;
  await page.waitForSelector(notice);
  return { second, page, notice };
}

describe('a registry on a second origin', () => {
  const env = useE2EEnvironment({ sandbox: { seed: 31, size: 5, secondProvider: { size: 4 } } });
  it('is recognised, waits for permission, is asked for once, and when declined says so while the rest works', async () => {
    const { second, page, notice } = await openSecondProvider(env);
    const facts = await evaluateInWorker(env.browser, async () => Object.entries(await chrome.storage.session.get(null)).filter(([k]) => k.startsWith('pageFacts.tab.')).map(([, v]) => v as { registries: { base: string; permitted: boolean; problem?: string }[]; listed?: { ids: string[] } })[0]);
    expect(facts!.registries.map((r) => [new URL(r.base).origin, r.permitted])).toEqual([
      [new URL(env.sandbox.apiUrl).origin, true],
      [second, false],
    ]);
    expect(facts!.registries[1]!.problem).toContain(second);
    // Nothing dropped: the second provider's messages the app lists (its hidden ones are not) are recorded as seen.
    const ids = await listedOfSecond(env.sandbox);
    await pollUntil(async () => (await storedMessages(env.browser)).filter((m) => ids.includes(m.messageId)).length === ids.length, 'the second provider messages are recorded');
    await screenshot(page, 'federation-permission-notice');

    // "Allow…" opens the diagnostics page, where the browser's prompt is asked for. The prompt is a browser dialog
    // puppeteer cannot answer (headless, it stays pending): the test build lets the test decline it.
    await evaluateInWorker(env.browser, () => chrome.storage.local.set({ 'test.permissionPrompt': 'decline' }));
    const opened = env.browser.waitForTarget((t) => t.url().includes('/diagnostics.html'));
    await page.click(`${notice} button[data-action=allow]`);
    const diagnostics = (await (await opened).asPage())!;
    await diagnostics.waitForSelector(`li[data-origin="${second}"] button[data-action=allow]`);
    // The page draws its providers once it has asked the worker: wait for the button.
    await diagnostics.locator(`li[data-origin="${second}"] button[data-action=allow]`).click();
    await diagnostics.waitForSelector(`li[data-origin="${second}"][data-permitted=false] .help`);
    await screenshot(diagnostics, 'diagnostics');
    // The notice now says it was declined, and asks no more.
    await page.bringToFront();
    await page.waitForSelector(`${notice}[data-state=declined]`);
    expect(await page.$(`${notice} button[data-action=allow]`)).toBeNull();
    expect((await page.$$('ebox-keeper-notice >>> [data-field=permission]')).length).toBe(1);

    // Archiving that provider's list says why it cannot; the first provider's messages still archive.
    const bar = 'ebox-keeper-bulk';
    const stopAnswering = answerBulkQuestions(page, bar);
    await clickOverlay(page, `${bar} >>> button[data-action=archive-matching]`);
    await page.waitForSelector(`${bar} >>> .progress[data-status=failed]`, { timeout: 30_000 });
    expect(await page.$eval(`${bar} >>> .progress .status`, (e) => e.textContent)).toContain(second);
    await page.click('a.folder[data-folder=inbox]');
    await waitForInbox(page);
    const first = await firstPageIds(env.sandbox);
    let label = '';
    await pollUntil(async () => (label = await page.$eval(`${bar} >>> button[data-action=archive-matching]`, (b) => b.textContent ?? '')).includes(`(${first.length})`), `the bar counts the first provider list (${first.length}; it says "${label}")`);
    await clickOverlay(page, `${bar} >>> button[data-action=archive-matching]`);
    await page.waitForSelector(`${bar} >>> .progress[data-status=done]`, { timeout: 60_000 });
    stopAnswering();
    const stored = await storedMessages(env.browser);
    for (const id of first) expect(stored.find((m) => m.messageId === id)?.archivedAt, id).toBeTruthy();
    for (const id of ids) expect(stored.find((m) => m.messageId === id)?.archivedAt, id).toBeUndefined();
  });
});

/** The second provider's messages the app lists (hidden and expired ones are not), as its registry answers. */
async function listedOfSecond(sandbox: Sandbox): Promise<string[]> {
  const res = await fetch(`${sandbox.secondApiUrl}/ebox/messages?page=1&pageSize=25&visible=true`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
  return ((await res.json()) as { items: { messageId: string }[] }).items.map((m) => m.messageId);
}

describe('a registry on a second origin, allowed', () => {
  const env = useE2EEnvironment({ sandbox: { seed: 32, size: 5, secondProvider: { size: 4 } } });

  it('archives what waited for it once the user consents, asked once', async () => {
    const { second, page, notice } = await openSecondProvider(env);
    const ids = await listedOfSecond(env.sandbox);
    await pollUntil(async () => (await storedMessages(env.browser)).filter((m) => ids.includes(m.messageId)).length === ids.length, 'the second provider messages are recorded');

    // Archiving that provider's list before consent cannot run; the request waits rather than being dropped.
    const bar = 'ebox-keeper-bulk';
    const stopAnswering = answerBulkQuestions(page, bar);
    await clickOverlay(page, `${bar} >>> button[data-action=archive-matching]`);
    await page.waitForSelector(`${bar} >>> .progress[data-status=failed]`, { timeout: 30_000 });

    // The browser's prompt accepted (the test build's seam answers it as the user would).
    await evaluateInWorker(env.browser, () => chrome.storage.local.set({ 'test.permissionPrompt': 'grant' }));
    const opened = env.browser.waitForTarget((t) => t.url().includes('/diagnostics.html'));
    await page.click(`${notice} button[data-action=allow]`);
    const diagnostics = (await (await opened).asPage())!;
    // The page draws its providers once it has asked the worker: wait for the button.
    await diagnostics.locator(`li[data-origin="${second}"] button[data-action=allow]`).click();
    await diagnostics.waitForSelector(`li[data-origin="${second}"][data-permitted=true]`);
    expect(await diagnostics.$(`li[data-origin="${second}"] button[data-action=allow]`)).toBeNull();

    // Its messages archive on their own; the notice goes, and the provider is asked no more.
    await pollUntil(async () => (await storedMessages(env.browser)).filter((m) => ids.includes(m.messageId) && m.archivedAt).length === ids.length, 'the waiting messages are archived after consent', 60_000);
    stopAnswering();
    await page.bringToFront();
    await pollUntil(async () => (await page.$(notice)) === null, 'the permission notice goes');
    // The app calls that provider again: it is permitted now, nothing is asked.
    await page.click('a.folder[data-folder=inbox]');
    await waitForInbox(page);
    await page.click('a.folder[data-folder=provider]');
    await waitForInbox(page);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.$(notice)).toBeNull();
    expect(await evaluateInWorker(env.browser, async () => (await chrome.storage.local.get('test.permissionPrompts'))['test.permissionPrompts'])).toBe(1);
    await screenshot(page, 'federation-allowed');
  });
});
