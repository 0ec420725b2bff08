// "Archive all expiring" from the popup runs as a bulk job in the service worker: closing the popup right after the
// click (a popup closes whenever it loses focus) does not stop it; reopened, the popup shows everything archived.
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openPopup } from './harness/extension.ts';
import { signIn } from './harness/sandbox-app.ts';
import { pollUntil } from './expiry-support.ts';

const env = useE2EEnvironment({ sandbox: { seed: 9, size: 0, scenario: scenarios.expiringIn([0.5, 2, 4, 6, 9, 30]) } });

const badgeText = () => evaluateInWorker(env.browser, () => chrome.action.getBadgeText({}));
const count = (popup: Page, which: 'archived' | 'not-archived') => popup.$eval(`[data-count="${which}"] strong`, (e) => Number(e.textContent));

describe('archive all expiring', () => {
  it('archives every expiring message even when the popup closes at once', async () => {
    const inbox = await env.newPage();
    await signIn(inbox, env.sandbox);
    await pollUntil(async () => (await badgeText()) === '5', 'the badge counts the 5 messages within 14 days');

    const popup = await openPopup(env.browser, inbox);
    await popup.waitForSelector('li.message');
    expect(await popup.$$eval('li.message', (l) => l.length)).toBe(5);
    await popup.click('button[data-action="archive-all"]');
    await popup.waitForSelector('[data-field="archive-all-progress"]');
    await popup.close();

    // Unread registered mail among them: the job waits for the user's choice (archiving opens it in the e-Box), and
    // the popup, opened again, asks.
    const lastJob = () => evaluateInWorker(env.browser, async () => ((await chrome.storage.local.get('archive.jobs'))['archive.jobs'] as { status: string }[] | undefined)?.at(-1)?.status);
    await pollUntil(async () => ['awaiting-choice', 'done'].includes((await lastJob()) ?? ''), 'the job runs or asks');
    if ((await lastJob()) === 'awaiting-choice') {
      const asked = await openPopup(env.browser, inbox);
      await asked.waitForSelector('[data-part=unread-registered] [data-action=acknowledge-unread]');
      await asked.click('[data-part=unread-registered] [data-action=acknowledge-unread]');
      await asked.close();
    }

    await pollUntil(async () => (await badgeText()) === '', 'the badge empties as the job archives them', 60_000);
    const again = await openPopup(env.browser, inbox);
    await again.waitForSelector('.empty');
    expect(await count(again, 'archived')).toBe(5);
    expect(await count(again, 'not-archived')).toBe(1); // the one expiring in 30 days was never asked for
    const archivedInStore = await evaluateInWorker(env.browser, async () => {
      const jobs = (await chrome.storage.local.get('archive.jobs'))['archive.jobs'] as { status: string; done: number; failed: unknown[] }[];
      return jobs.at(-1);
    });
    expect(archivedInStore).toMatchObject({ status: 'done', done: 5, failed: [] });
  });

  it('opens the archive page from the popup', async () => {
    const inbox = await env.newPage();
    await signIn(inbox, env.sandbox);
    const popup = await openPopup(env.browser, inbox);
    const opened = env.browser.waitForTarget((t) => t.url().endsWith('/archive.html'), { timeout: 10_000 });
    await popup.click('button[data-action="open-archive"]');
    const archive = await (await opened).asPage();
    await archive.waitForSelector('body');
    expect(new URL(archive.url()).protocol).toBe('chrome-extension:');
  });
});
