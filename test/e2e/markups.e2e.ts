// The journeys of the overlay on every markup of the sandbox e-Box (issue 11): the original table, an ARIA grid with
// ids only in links and hash routing, and cards inside web components with no ids at all. The registry calls are the
// same; what the extension knows comes from them, and the page only decides where things are shown.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { answerBulkQuestions, storedMessages } from './archive-support.ts';
import { pollUntil } from './expiry-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker } from './harness/extension.ts';
import { firstPageIds, MARKUPS, openFromList, rowHost, signInWith, waitForList } from './harness/markups.ts';
import { screenshot } from './harness/screenshots.ts';

describe.each(MARKUPS)('the overlay on the %s markup', (skin) => {
  // Only the scenarios' messages: two of them expire within the badge's 14 days (1 and 5 days), one in 20.
  const env = useE2EEnvironment({ sandbox: { seed: 21, size: 0, scenario: [scenarios.expiringIn([1, 5, 20]), scenarios.registered('Rappel : déclaration TVA du 3e trimestre'), scenarios.registered('Rappel : déclaration TVA du 4e trimestre'), scenarios.sixDocuments()] } });
  const company = () => env.sandbox.company;
  const factsOfTabs = () =>
    evaluateInWorker(env.browser, async () => {
      const all = await chrome.storage.session.get(null);
      return Object.entries(all).filter(([k]) => k.startsWith('pageFacts.tab.')).map(([, v]) => v as { enterprise?: { cbe: string }; language?: string; listed?: { ids: string[] } });
    });

  it('decorates every listed row once, knows the company and the language, and the badge counts what expires', async () => {
    const page = await env.newPage();
    await signInWith(page, env.sandbox, skin);
    const ids = await firstPageIds(env.sandbox);
    await pollUntil(async () => (await page.$$('html >>> ebox-keeper-row')).length === ids.length, `${ids.length} rows decorated`);
    const decorated = await Promise.all((await page.$$('html >>> ebox-keeper-row')).map((h) => h.evaluate((e) => e.getAttribute('data-ebox-keeper-message'))));
    expect(decorated.sort()).toEqual([...ids].sort());
    const [facts] = await factsOfTabs();
    expect(facts).toMatchObject({ enterprise: { cbe: company().enterpriseNumber }, language: 'fr' });
    expect(facts!.listed!.ids).toEqual(ids);
    const expiring = 2;
    let badge = '';
    await pollUntil(async () => (badge = await evaluateInWorker(env.browser, () => chrome.action.getBadgeText({}))) === String(expiring), `the badge shows ${expiring}`).catch((e: Error) => {
      throw new Error(`${e.message} (it shows "${badge}")`);
    });
    await screenshot(page, `markup-${skin}-inbox`);
    await page.close();
  });

  it('labels and tags a message from its row', async () => {
    const page = await env.newPage();
    await signInWith(page, env.sandbox, skin);
    const [id] = await firstPageIds(env.sandbox);
    const row = rowHost(id!);
    await page.waitForSelector(`${row} >>> button[data-action=file]`);
    await page.click(`${row} >>> button[data-action=file]`);
    const pop = 'ebox-keeper-popover';
    await page.waitForSelector(`${pop} >>> input[name=new-label]`);
    await page.type(`${pop} >>> input[name=new-label]`, `Compta ${skin}`);
    await page.click(`${pop} >>> button[data-action=add-label]`);
    await page.waitForSelector(`${pop} >>> input[data-label-id]:checked`);
    await page.type(`${pop} >>> input[name=tag]`, 'à payer');
    await page.keyboard.press('Enter');
    await page.click(`${pop} >>> button[data-action=save]`);
    await page.waitForSelector(`${row} >>> [data-chip=tag]`);
    expect(await page.$eval(`${row} >>> [data-chip=label]`, (e) => e.textContent)).toBe(`Compta ${skin}`);
    const record = (await storedMessages(env.browser)).find((m) => m.messageId === id);
    expect(record).toMatchObject({ tags: ['à payer'] });
    // Filing never triggered the app's own click on the row (opening the message).
    expect(await page.$('main.message-page')).toBeNull();
    await page.close();
  });

  it('archives the open message from its panel, in the name of the company the data names', async () => {
    const page = await env.newPage();
    await signInWith(page, env.sandbox, skin);
    const ids = new Set(await firstPageIds(env.sandbox));
    const message = env.sandbox.data.mailbox.messages.find((m) => ids.has(m.messageId) && m.documents.length >= 2 && !m.registeredMail)!;
    await openFromList(page, env.sandbox, skin, message.messageId);
    const panel = 'html >>> ebox-keeper-panel';
    await page.waitForSelector(`${panel} >>> button[data-action=archive]`);
    expect(await page.$eval(`${panel} >>> .panel`, (e) => e.getAttribute('data-message-id'))).toBe(message.messageId);
    await page.click(`${panel} >>> button[data-action=archive]`);
    await page.waitForSelector(`${panel} >>> [data-part=archived-at]`, { timeout: 30_000 });
    await screenshot(page, `markup-${skin}-message`);
    const record = (await storedMessages(env.browser)).find((m) => m.messageId === message.messageId)!;
    expect(record).toMatchObject({ integrity: 'ok', archivedBy: `${company().name} (${company().enterpriseNumber})` });
    await page.close();
  });

  it('archives everything matching the current filter (registered mail)', async () => {
    const page = await env.newPage();
    await signInWith(page, env.sandbox, skin);
    await page.click('input[name=registered]');
    await page.waitForFunction(() => /registered=true/.test(location.href));
    await waitForList(page, skin);
    const registered = env.sandbox.data.mailbox.messages.filter((m) => m.registeredMail).map((m) => m.messageId);
    expect(registered.length).toBeGreaterThanOrEqual(2);
    const bar = 'html >>> ebox-keeper-bulk';
    await pollUntil(async () => (await page.$eval(`${bar} >>> button[data-action=archive-matching]`, (b) => b.textContent ?? '')).includes(`(${registered.length})`), 'the bar counts the filtered list');
    const stopAnswering = answerBulkQuestions(page, bar);
    await page.click(`${bar} >>> button[data-action=archive-matching]`);
    await page.waitForSelector(`${bar} >>> .progress[data-status=done]`, { timeout: 60_000 });
    stopAnswering();
    const stored = await storedMessages(env.browser);
    for (const id of registered) expect(stored.find((m) => m.messageId === id)?.archivedAt, id).toBeTruthy();
    await page.close();
  });
});
