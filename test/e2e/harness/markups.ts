// Driving the sandbox e-Box in each of its markups (`?skin=`): table (the original), grid (ARIA divs, hash routing,
// ids only in links) and cards (web components, shadow roots, no ids). The tests find things the way a user does
// (a subject, a link) and the overlay through `>>>`, which pierces every open shadow root.
import type { Page } from 'puppeteer-core';
import { translate } from '../../../shared/ebox/model.ts';
import type { Sandbox } from '../../sandbox/start-sandbox.ts';
import type { Skin } from '../../sandbox/webapp/client/config.ts';
import { waitForInbox } from './sandbox-app.ts';

export const MARKUPS: readonly Skin[] = ['table', 'grid', 'cards'];

/** Waits until the inbox shows a loaded list, in whichever markup. */
export async function waitForList(page: Page, skin: Skin): Promise<void> {
  if (skin === 'table') return waitForInbox(page);
  await page.waitForFunction((s: string) => {
    const main = document.querySelector('main.inbox');
    if (!main || main.getAttribute('aria-busy') === 'true') return false;
    return s === 'grid' ? document.querySelectorAll('[role=grid] [role=row] a[href^="#/messages/"]').length > 0 : document.querySelectorAll('ebx-message-card').length > 0;
  }, {}, skin);
}

/** Signs in as the sandbox's first company, in a markup, and lands on the inbox. */
export async function signInWith(page: Page, sandbox: Sandbox, skin: Skin): Promise<void> {
  await page.goto(`${sandbox.appUrl}/login?${new URLSearchParams({ return_to: '/inbox', skin })}`, { waitUntil: 'domcontentloaded' });
  const choice = await page.waitForSelector(`a.company-choice[data-company-cbe="${sandbox.company.enterpriseNumber}"]`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), choice!.click()]);
  await waitForList(page, skin);
}

/** The inbox's first page, asked of the registry itself (what the app lists, newest first, 25). */
export async function firstPageIds(sandbox: Sandbox): Promise<string[]> {
  const res = await fetch(`${sandbox.apiUrl}/ebox/messages?page=1&pageSize=25&visible=true`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
  return ((await res.json()) as { items: { messageId: string }[] }).items.map((m) => m.messageId);
}

/** Opens a message from the list as a user would: its link (table, grid) or its card (cards). */
export async function openFromList(page: Page, sandbox: Sandbox, skin: Skin, messageId: string): Promise<void> {
  if (skin === 'table') await page.click(`tr.message-row[data-message-id="${messageId}"] a.subject-link`);
  else if (skin === 'grid') await page.click(`a[href="#/messages/${encodeURIComponent(messageId)}"]`);
  else {
    const message = sandbox.data.mailbox.messages.find((m) => m.messageId === messageId)!;
    const subject = translate(message.subject, 'fr');
    await page.evaluate((text: string) => {
      const cards = [...document.querySelectorAll('ebx-message-card')].map((c) => c.shadowRoot?.querySelector<HTMLElement>('.card')).filter((c) => c?.querySelector('h3')?.textContent === text);
      // Cards carry no id: a subject shared by two listed messages would open either.
      if (cards.length !== 1) throw new Error(`${cards.length} cards for ${text}: give the test's messages subjects of their own`);
      cards[0]!.click();
    }, subject);
  }
  await page.waitForFunction(() => !document.querySelector('main.message-page[aria-busy=true]') && !!document.querySelector('main.message-page'));
}

/** The overlay element for one message's row, wherever the row is (`html >>>` reaches into shadow roots). */
export const rowHost = (messageId: string) => `html >>> ebox-keeper-row[data-ebox-keeper-message="${messageId}"]`;
