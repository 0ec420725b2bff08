// A second Document Provider on another origin (the e-Box federation): recognised by the contract's paths, its
// origin not yet permitted, the user asked once with a plain explanation; declined, the notice and diagnostics say
// so and the first provider's messages still archive; nothing the app listed is dropped.
import { describe, expect, it } from 'vitest';
import { storedMessages } from './archive-support.ts';
import { pollUntil } from './expiry-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker } from './harness/extension.ts';
import { signIn, waitForInbox } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';

const env = useE2EEnvironment({ sandbox: { seed: 31, size: 5, secondProvider: { size: 4 } } });

describe('a registry on a second origin', () => {
  it('is recognised, waits for permission, is asked for once, and when declined says so while the rest works', async () => {
    const second = new URL(env.sandbox.secondApiUrl!).origin;
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    await page.click('a.folder[data-folder=provider]');
    await waitForInbox(page);
    const notice = `ebox-keeper-notice >>> [data-field=permission][data-origin="${second}"]`;
    await page.waitForSelector(notice);
    const facts = await evaluateInWorker(env.browser, async () => Object.entries(await chrome.storage.session.get(null)).filter(([k]) => k.startsWith('pageFacts.tab.')).map(([, v]) => v as { registries: { base: string; permitted: boolean; problem?: string }[]; listed?: { ids: string[] } })[0]);
    expect(facts!.registries.map((r) => [new URL(r.base).origin, r.permitted])).toEqual([
      [new URL(env.sandbox.apiUrl).origin, true],
      [second, false],
    ]);
    expect(facts!.registries[1]!.problem).toContain(second);
    // Nothing dropped: the second provider's messages are recorded as seen.
    const ids = env.sandbox.data.secondMailbox!.messages.map((m) => m.messageId);
    await pollUntil(async () => ids.every((id) => true && id) && (await storedMessages(env.browser)).filter((m) => ids.includes(m.messageId)).length === ids.length, 'the second provider messages are recorded');
    await screenshot(page, 'federation-permission-notice');

    // "Allow…" opens the diagnostics page, where the browser's prompt is asked for.
    const opened = env.browser.waitForTarget((t) => t.url().includes('/diagnostics.html'));
    await page.click(`${notice} button[data-action=allow]`);
    const diagnostics = (await (await opened).asPage())!;
    await diagnostics.waitForSelector(`li[data-origin="${second}"] button[data-action=allow]`);
    await diagnostics.click(`li[data-origin="${second}"] button[data-action=allow]`);
    for (let i = 0; i < 8; i++) {
      console.log('answers', await evaluateInWorker(env.browser, async () => JSON.stringify(await chrome.storage.local.get('pagefacts.hostAccess'))), await evaluateInWorker(env.browser, (o: string) => chrome.permissions.contains({ origins: [`${o}/*`] }), second));
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
});
