// The overlay on the sandbox e-Box: chips on every row through in-app navigation, label and tag from the inbox,
// archive from the message view with documents byte-identical to the sandbox's.
import { describe, expect, it } from 'vitest';
import { materialise } from '../sandbox/data/mailbox.ts';
import { storedDocuments, storedMessages } from './archive-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { openExtensionPage } from './harness/extension.ts';
import { inboxMessageIds, nextInboxPage, signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';

const env = useE2EEnvironment({ sandbox: { seed: 7, size: 60, now: new Date('2026-11-23T09:30:00Z') } });

const ROW_HOST = 'ebox-keeper-row';

describe('archive overlay', () => {
  it('decorates every inbox row exactly once, through paging and back', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const ids = await inboxMessageIds(page);
    const decorated = () => page.$$eval('tr.message-row', (rows) => rows.map((r) => r.querySelectorAll('ebox-keeper-row').length));
    await page.waitForFunction((n: number) => document.querySelectorAll('tr.message-row ebox-keeper-row').length === n, {}, ids.length);
    expect(await decorated()).toEqual(ids.map(() => 1));
    await nextInboxPage(page);
    await page.waitForFunction(() => [...document.querySelectorAll('tr.message-row')].every((r) => r.querySelectorAll('ebox-keeper-row').length === 1));
    expect(await decorated()).toEqual((await inboxMessageIds(page)).map(() => 1));
    await page.goBack();
    await page.waitForSelector('table.message-list[data-page="1"]');
    await page.waitForFunction(() => [...document.querySelectorAll('tr.message-row')].every((r) => r.querySelectorAll('ebox-keeper-row').length === 1));
    expect(await page.$$eval('ebox-keeper-bulk', (b) => b.length)).toBe(1);
    await page.close();
  });

  it('labels and tags a message from the inbox', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const [id] = await inboxMessageIds(page);
    const row = `tr.message-row[data-message-id="${id}"] ${ROW_HOST}`;
    await page.waitForSelector(`${row} >>> button[data-action=file]`);
    await page.click(`${row} >>> button[data-action=file]`);
    const pop = 'ebox-keeper-popover';
    await page.waitForSelector(`${pop} >>> input[name=new-label]`);
    await page.type(`${pop} >>> input[name=new-label]`, 'Comptabilité');
    await page.click(`${pop} >>> button[data-action=add-label]`);
    await page.waitForSelector(`${pop} >>> input[data-label-id]:checked`);
    await page.type(`${pop} >>> input[name=tag]`, 'à payer');
    await page.keyboard.press('Enter');
    await page.click(`${pop} >>> button[data-action=save]`);
    await page.waitForSelector(`${row} >>> [data-chip=label]`);
    await page.waitForSelector(`${row} >>> [data-chip=tag]`);
    expect(await page.$eval(`${row} >>> [data-chip=label]`, (e) => e.textContent)).toBe('Comptabilité');
    expect(await page.$eval(`${row} >>> [data-chip=tag]`, (e) => e.textContent)).toBe('à payer');
    await screenshot(page, 'archive-overlay-inbox');
    const record = (await storedMessages(env.browser)).find((m) => m.messageId === id);
    expect(record).toMatchObject({ tags: ['à payer'] });
    expect(record!.labels).toHaveLength(1);
    expect(record!.archivedAt).toBeUndefined();
    // The app's row click (open the message) never fired while filing.
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.close();
  });

  it('archives from the message view, documents byte-identical to the e-Box', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const message = env.sandbox.data.mailbox.messages.find((m) => m.documents.length >= 2)!;
    await page.goto(`${env.sandbox.appUrl}/inbox`, { waitUntil: 'domcontentloaded' }).catch(() => {});
    await signIn(page, env.sandbox, { path: `/messages/${message.messageId}` });
    const panel = 'ebox-keeper-panel';
    await page.waitForSelector(`${panel} >>> button[data-action=archive]`);
    await page.click(`${panel} >>> button[data-action=archive]`);
    await page.waitForSelector(`${panel} >>> [data-part=archived-at]`, { timeout: 30_000 });
    await screenshot(page, 'archive-overlay-message');
    const record = (await storedMessages(env.browser)).find((m) => m.messageId === message.messageId)!;
    expect(record.archivedAt).toBeTruthy();
    expect(record.integrity).toBe('ok');
    const docs = await storedDocuments(env.browser, message.messageId);
    expect(docs).toHaveLength(message.documents.length);
    for (const doc of message.documents) {
      const original = await materialise(doc);
      const stored = docs.find((d) => d.attachmentId === doc.attachmentId)!;
      expect(stored.digestOk).toBe(true);
      expect(Buffer.from(stored.base64, 'base64').equals(Buffer.from(original.bytes))).toBe(true);
    }
    await page.close();
  });

  it('applies a rule made on the archive page to messages as they appear in the e-Box', async () => {
    const archive = await openExtensionPage(env.browser, 'archive.html');
    await archive.waitForSelector('[data-action=rules-tab]');
    await archive.click('[data-action=rules-tab]');
    // A nested label: "Juridique / Recommandés".
    await archive.type('input[name=label-name]', 'Juridique');
    await archive.click('[data-part=labels] button[type=submit]');
    await archive.waitForFunction(() => [...document.querySelectorAll('[data-part=labels] [data-label-id]')].some((l) => l.textContent?.includes('Juridique')));
    await archive.type('input[name=label-name]', 'Recommandés');
    const parent = await archive.$$eval('[data-part=labels] select option', (os) => os.find((o) => o.textContent === 'Juridique')!.getAttribute('value')!);
    await archive.select('[data-part=labels] select', parent);
    await archive.click('[data-part=labels] button[type=submit]');
    await archive.waitForFunction(() => [...document.querySelectorAll('[data-part=labels] [data-label-id]')].some((l) => l.textContent?.includes('Juridique / Recommandés')));
    await archive.evaluate(() => {
      const box = [...document.querySelectorAll('.label-picks label')].find((l) => l.textContent?.includes('Juridique / Recommandés'))!.querySelector('input')!;
      box.click();
    });
    await archive.type('input[name=rule-name]', 'Recommandés');
    await archive.select('select[name=rule-registered]', 'yes');
    await archive.type('input[name=rule-tags]', 'recommandé, à traiter');
    await archive.click('[data-action=save-rule]');
    await archive.waitForSelector('[data-rule-id]');
    await screenshot(archive, 'archive-rules');
    await archive.close();

    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const registered = await page.$$eval('tr.message-row[data-registered=true]', (rows) => rows.map((r) => (r as HTMLElement).dataset.messageId!));
    const plain = await page.$$eval('tr.message-row[data-registered=false]', (rows) => rows.map((r) => (r as HTMLElement).dataset.messageId!));
    expect(registered.length).toBeGreaterThan(0);
    const first = `tr.message-row[data-message-id="${registered[0]}"] ${ROW_HOST}`;
    await page.waitForSelector(`${first} >>> [data-chip=tag]`);
    expect(await page.$$eval(`${first} >>> [data-chip=tag]`, (c) => c.map((x) => x.textContent))).toEqual(expect.arrayContaining(['recommandé', 'à traiter']));
    await page.waitForSelector(`${first} >>> [data-chip=label]`);
    expect(await page.$$eval(`${first} >>> [data-chip=label]`, (c) => c.map((x) => x.textContent))).toContain('Juridique / Recommandés');
    const stored = await storedMessages(env.browser);
    for (const id of registered) expect(stored.find((m) => m.messageId === id)?.tags).toEqual(expect.arrayContaining(['recommandé', 'à traiter']));
    for (const id of plain) expect(stored.find((m) => m.messageId === id)?.tags ?? []).not.toContain('recommandé');
    await page.close();
  });
});
