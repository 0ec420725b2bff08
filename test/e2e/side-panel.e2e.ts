// The side panel alone, with the in-page overlay switched off ("show on the e-Box page" unchecked): the same journeys
// as the overlay, driven only by the captured registry data. Puppeteer cannot open Chrome's real side panel (it needs
// a user gesture on the toolbar), so the test opens sidepanel.html?tabId=N in a tab of its own, bound to the e-Box
// tab exactly as the real panel follows its window's active tab. With the real helper: opening a registered message
// in the e-Box makes one receipt (no panel needed), and a bulk job of the current filter asks before opening unread
// registered mail; after "archive and acknowledge" its receipt's opening time is the job's fetch. The panel needs
// no markup: the same journeys run on each.
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { scenarios } from '../sandbox/data/scenarios.ts';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';
import { storedMessages } from './archive-support.ts';
import { pollUntil } from './expiry-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage } from './harness/extension.ts';
import { MARKUPS, openFromList, signInWith, waitForList } from './harness/markups.ts';
import { pairThroughOptions } from './harness/pairing.ts';

describe.each(MARKUPS)('side panel, overlay switched off, on the %s markup', (skin) => {
  const env = useE2EEnvironment({
    helper: true,
    sandbox: { seed: 11, size: 0, scenario: [scenarios.registered('Rappel : déclaration TVA du 3e trimestre'), scenarios.registered('Rappel : déclaration TVA du 4e trimestre'), scenarios.messages([{ registeredMail: false, readStatus: true }, { registeredMail: false, readStatus: true }])] },
  });

  const NAME = 'Anne Dupont';
  const registered = () => env.sandbox.data.scenarioMessages.filter((m) => m.registeredMail && !m.qerds);
  const plain = () => env.sandbox.data.scenarioMessages.filter((m) => !m.registeredMail && !m.qerds);

  interface HelperReceipt {
    receiptId: string;
    receipt: { openedAt: string; acknowledgedAt: string; openedBy: { name: string }; message: { recipientEnterpriseId?: string } };
  }

  async function receiptsOf(messageId: string): Promise<HelperReceipt[]> {
    const secret = await evaluateInWorker(env.browser, async () => ((await chrome.storage.local.get('helperConnection')).helperConnection as { pairing: { secret: string } }).pairing.secret);
    const res = await fetch(`${env.helper!.url}/v1/receipts?messageId=${encodeURIComponent(messageId)}`, { headers: { [SECRET_HEADER]: secret } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: HelperReceipt[] }).items;
  }

  /** The tab id Chrome gave the e-Box page (what the real panel reads from tabs.query). */
  async function tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    return evaluateInWorker(env.browser, async (u: string) => (await chrome.tabs.query({})).find((t) => t.url === u)!.id!, url);
  }

  async function openPanel(ebox: Page): Promise<Page> {
    return openExtensionPage(env.browser, `sidepanel.html?tabId=${await tabIdOf(ebox)}`);
  }

  let ebox: Page;
  let panel: Page;

    it('setup: overlay off, a name for receipts, paired with the helper', async () => {
      const options = await openExtensionPage(env.browser, 'options.html');
      await options.waitForSelector('#show-on-page');
      await options.click('#show-on-page');
      await options.type('#name-on-receipts', NAME);
      await options.click('#save');
      await options.waitForSelector('[data-field="save-result"].saved');
      await pairThroughOptions(options, env.helper!);
      await options.close();
    });

    it('lists the e-Box tab\'s messages from the data alone, with nothing added to the page', async () => {
      ebox = await env.newPage();
      await signInWith(ebox, env.sandbox, skin);
      panel = await openPanel(ebox);
      const ids = env.sandbox.data.scenarioMessages.map((m) => m.messageId).sort();
      await panel.bringToFront();
      await panel.waitForFunction((n: number) => document.querySelectorAll('[data-field=listed] li[data-message-id]').length === n, { timeout: 20_000 }, ids.length);
      expect((await panel.$$eval('[data-field=listed] li[data-message-id]', (li) => li.map((l) => l.getAttribute('data-message-id')!))).sort()).toEqual(ids);
      expect(await ebox.$$('ebox-keeper-bulk, ebox-keeper-row, ebox-keeper-panel, ebox-keeper-proofs')).toHaveLength(0);
      await panel.waitForFunction((cbe: string) => document.querySelector('[data-field=company]')?.getAttribute('data-cbe') === cbe, { timeout: 10_000 }, env.sandbox.company.enterpriseNumber);
      expect(await panel.$('[data-slot=company-switcher]')).not.toBeNull();
    });

    it('labels and tags a listed message', async () => {
      const id = plain()[0]!.messageId;
      await panel.bringToFront();
      await panel.click(`li[data-message-id="${id}"] .subject`);
      await panel.waitForSelector(`[data-field=open-message][data-message-id="${id}"] input[name=new-label]`);
      await panel.type('[data-field=open-message] input[name=new-label]', 'Comptabilité');
      await panel.click('[data-field=open-message] button[data-action=add-label]');
      await panel.waitForSelector('[data-field=open-message] input[data-label-id]:checked');
      await panel.type('[data-field=open-message] input[name=tag]', 'à payer');
      await panel.keyboard.press('Enter');
      await panel.click('[data-field=open-message] button[data-action=save]');
      await panel.waitForSelector(`li[data-message-id="${id}"] [data-chip=tag]`, { timeout: 10_000 });
      const record = (await storedMessages(env.browser)).find((m) => m.messageId === id)!;
      expect(record.tags).toEqual(['à payer']);
      expect(record.labels).toHaveLength(1);
    });

    it('archives the message open in the e-Box', async () => {
      const id = plain()[1]!.messageId;
      await ebox.bringToFront();
      await openFromList(ebox, env.sandbox, skin, id);
      await panel.bringToFront();
      await panel.waitForSelector(`[data-field=open-message][data-message-id="${id}"] button[data-action=archive]`, { timeout: 20_000 });
      await panel.click('[data-field=open-message] button[data-action=archive]');
      await panel.waitForSelector('[data-field=open-message] [data-part=archived-at]', { timeout: 30_000 });
      expect((await storedMessages(env.browser)).find((m) => m.messageId === id)?.archivedAt).toBeTruthy();
      await ebox.bringToFront();
      await ebox.goBack();
      await waitForList(ebox, skin);
    });

    it('a registered message opened in the e-Box gets one receipt, timed at the opening, with the name from the options and the company', async () => {
      const id = registered()[0]!.messageId;
      const before = Date.now();
      await ebox.bringToFront();
      await openFromList(ebox, env.sandbox, skin, id);
      const opened = Date.now();
      await pollUntil(async () => (await receiptsOf(id)).length > 0, 'the receipt is made', 30_000);
      const [receipt, ...more] = await receiptsOf(id);
      expect(more).toEqual([]);
      const openedAt = Date.parse(receipt!.receipt.openedAt);
      expect(openedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(openedAt).toBeLessThanOrEqual(opened + 1000);
      expect(receipt!.receipt.openedBy.name).toBe(NAME);
      expect(receipt!.receipt.message.recipientEnterpriseId).toBe(env.sandbox.company.enterpriseNumber);
      await panel.bringToFront();
      await panel.waitForSelector(`[data-field=open-message][data-message-id="${id}"]`, { timeout: 20_000 });
      await panel.waitForSelector('[data-field=open-message] [data-field=acknowledged]', { timeout: 30_000 });
      // Opened again: still one receipt.
      await ebox.bringToFront();
      await ebox.goBack();
      await waitForList(ebox, skin);
      await openFromList(ebox, env.sandbox, skin, id);
      await panel.bringToFront();
      await panel.waitForSelector('[data-field=open-message] [data-field=acknowledged]', { timeout: 30_000 });
      expect((await receiptsOf(id)).map((r) => r.receiptId)).toEqual([receipt!.receiptId]);
    });

    it('archives everything matching the filter, asks first about unread registered mail, and acknowledges it at the job\'s fetch', async () => {
      await ebox.bringToFront();
      await ebox.goBack();
      await waitForList(ebox, skin);
      await panel.bringToFront();
      await panel.waitForSelector('[data-field=listed] button[data-action=archive-matching]:not([disabled])', { timeout: 20_000 });
      await panel.click('[data-field=listed] button[data-action=archive-matching]');
      await panel.waitForSelector('[data-part=marks-read]');
      await panel.click('[data-part=marks-read] [data-action=dont-show-again]');
      await panel.click('[data-part=marks-read] [data-action=marks-read-continue]');
      const unread = registered()[1]!.messageId;
      await panel.waitForSelector('[data-part=unread-registered][data-count="1"]', { timeout: 30_000 });
      expect(await receiptsOf(unread)).toEqual([]);
      const chose = Date.now();
      await panel.click('[data-part=unread-registered] [data-action=acknowledge-unread]');
      await panel.waitForSelector('.progress[data-status=done]', { timeout: 60_000 });
      const done = Date.now();
      const archived = await storedMessages(env.browser);
      for (const m of env.sandbox.data.scenarioMessages) expect(archived.find((r) => r.messageId === m.messageId)?.archivedAt, m.messageId).toBeTruthy();
      await pollUntil(async () => (await receiptsOf(unread)).length > 0, 'the job\'s opening is acknowledged', 30_000);
      const [receipt, ...more] = await receiptsOf(unread);
      expect(more).toEqual([]);
      const openedAt = Date.parse(receipt!.receipt.openedAt);
      expect(openedAt).toBeGreaterThanOrEqual(chose - 1000);
      expect(openedAt).toBeLessThanOrEqual(done);
      expect(openedAt).toBeLessThanOrEqual(Date.parse(receipt!.receipt.acknowledgedAt));
      expect(receipt!.receipt.openedBy.name).toBe(NAME);
      // "Don't show again" was kept: the next job does not ask.
      expect(await evaluateInWorker(env.browser, async () => ((await chrome.storage.local.get('settings')).settings as { warnArchiveMarksRead?: boolean } | undefined)?.warnArchiveMarksRead)).toBe(false);
      // Nothing is left waiting for a receipt.
      expect(await evaluateInWorker(env.browser, async () => Object.keys(((await chrome.storage.local.get('proofs.openings'))['proofs.openings'] as object) ?? {}))).toEqual([]);
      await panel.close();
      await ebox.close();
    });
});
