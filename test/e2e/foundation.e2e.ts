// The foundation: the built extension loads in Chromium beside the helper process, a user signs in to the sandbox
// e-Box, moves around in the single-page app without page loads, and the extension's content script is there on
// every view.
import { describe, expect, it } from 'vitest';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { contentScriptRealmPresent, openExtensionPage, openPopup, serviceWorker } from './harness/extension.ts';
import { inboxMessageIds, markDocument, nextInboxPage, openMessageFromInbox, sameDocument, signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';

const env = useE2EEnvironment({ helper: true, sandbox: { seed: 1, size: 60, now: new Date('2026-11-23T09:30:00Z') } });

describe('foundation', () => {
  it('loads the built extension with its service worker', async () => {
    expect(env.extensionId).toMatch(/^[a-p]{32}$/);
    const worker = await serviceWorker(env.browser);
    expect(worker.url()).toBe(`chrome-extension://${env.extensionId}/background.js`);
    expect(await worker.evaluate(() => chrome.runtime.getManifest().manifest_version)).toBe(3);
  });

  it('opens the popup from the toolbar and the options page', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const popup = await openPopup(env.browser, page);
    expect(popup.url()).toBe(`chrome-extension://${env.extensionId}/popup.html`);
    await popup.waitForFunction(() => (document.body.textContent ?? '').trim().length > 0);
    await popup.close();
    const options = await openExtensionPage(env.browser, 'options.html');
    expect(options.url()).toBe(`chrome-extension://${env.extensionId}/options.html`);
    await options.waitForFunction(() => (document.body.textContent ?? '').trim().length > 0);
    await Promise.all([options.close(), page.close()]);
  });

  it('runs the helper as a real process on a free port, unpaired and guarded', async () => {
    const helper = env.helper!;
    expect(helper.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(helper.pairingCode).toMatch(/^\w{4}-\w{4}$/);
    expect((await fetch(`${helper.url}/v1/status`)).status).toBe(401);
  });

  it('runs its content script on the inbox and keeps it through in-app navigation', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const marker = () => page.evaluate(() => document.documentElement.dataset.eboxKeeper ?? null);

    const firstPage = await inboxMessageIds(page);
    expect(firstPage).toHaveLength(25);
    expect(await contentScriptRealmPresent(env.browser, page)).toBe(true);
    await page.waitForFunction(() => document.documentElement.dataset.eboxKeeper !== undefined);
    // Sender logos arrive after the list (each is a registry call): the picture waits for them.
    await page.waitForFunction(() => document.querySelector('.sender-logo-empty') === null);
    await screenshot(page, 'sandbox-inbox');

    await markDocument(page);
    await nextInboxPage(page);
    const secondPage = await inboxMessageIds(page);
    expect(secondPage).toHaveLength(25);
    expect(secondPage).not.toEqual(firstPage);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await sameDocument(page)).toBe(true);
    expect(await marker()).not.toBeNull();

    const id = secondPage[3] as string;
    await openMessageFromInbox(page, id);
    expect(new URL(page.url()).pathname).toBe(`/messages/${id}`);
    expect(await sameDocument(page)).toBe(true);
    expect(await marker()).not.toBeNull();
    expect(await contentScriptRealmPresent(env.browser, page)).toBe(true);
    await screenshot(page, 'sandbox-message');

    await page.goBack();
    await page.waitForSelector('table.message-list[data-page="2"]');
    expect(await sameDocument(page)).toBe(true);
  });
});
