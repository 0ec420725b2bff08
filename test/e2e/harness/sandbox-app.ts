// Driving the sandbox's e-Box web app like a user: sign in by picking a company, page, filter, open a message.
// Selectors are the sandbox's markup contract (test/sandbox/README.md).
import type { Page } from 'puppeteer-core';
import type { Sandbox } from '../../sandbox/start-sandbox.ts';

export const APP_SELECTORS = {
  inboxList: 'table.message-list',
  inboxRow: 'tr.message-row[data-message-id]',
  messageView: 'article.message-view[data-message-id]',
  nextPage: 'nav.pagination a[rel=next]',
  previousPage: 'nav.pagination a[rel=prev]',
} as const;

/** Signs in as `company` (default: the sandbox's first) and lands on `path` (default: the inbox). */
export async function signIn(page: Page, sandbox: Sandbox, options: { company?: string; path?: string } = {}): Promise<void> {
  const company = options.company ?? sandbox.company.enterpriseNumber;
  const path = options.path ?? '/inbox';
  await page.goto(`${sandbox.appUrl}/login?${new URLSearchParams({ return_to: path })}`, { waitUntil: 'domcontentloaded' });
  const choice = await page.waitForSelector(`a.company-choice[data-company-cbe="${company}"]`);
  if (!choice) throw new Error(`No sign-in choice for ${company}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), choice.click()]);
  await page.waitForFunction((p: string) => location.pathname + location.search === p, {}, path);
  if (path.startsWith('/inbox')) await waitForInbox(page);
  else if (path.startsWith('/messages/')) await page.waitForSelector(APP_SELECTORS.messageView);
}

/** Waits until the list shows the data of the current URL (its `data-query`), loaded, and the page asked for. */
export async function waitForInbox(page: Page, pageNumber?: number): Promise<void> {
  await page.waitForFunction(
    (n: number | null) => {
      const list = document.querySelector<HTMLElement>('table.message-list');
      const busy = document.querySelector('main.inbox')?.getAttribute('aria-busy') === 'true';
      if (!list || busy || (n !== null && list.dataset.page !== String(n))) return false;
      // No named inner functions: tsx (esbuild keepNames) would wrap them in a helper the page does not have.
      const [shown, current] = [list.dataset.query ?? '', location.href].map((href) => {
        const u = new URL(href, location.origin);
        return `${u.pathname === '/' ? '/inbox' : u.pathname}?${[...u.searchParams].map(([k, v]) => `${k}=${v}`).sort().join('&')}`;
      });
      return shown === current;
    },
    {},
    pageNumber ?? null,
  );
}

export async function inboxMessageIds(page: Page): Promise<string[]> {
  return page.$$eval(APP_SELECTORS.inboxRow, (rows) => rows.map((r) => (r as HTMLElement).dataset.messageId ?? ''));
}

/** Goes to the next page of the list in-app (pushState), and waits for it. */
export async function nextInboxPage(page: Page): Promise<void> {
  const current = Number(await page.$eval(APP_SELECTORS.inboxList, (t) => t.getAttribute('data-page')));
  await page.locator(APP_SELECTORS.nextPage).click();
  await waitForInbox(page, current + 1);
}

/** Opens a message from the list in-app by clicking its subject. */
export async function openMessageFromInbox(page: Page, messageId: string): Promise<void> {
  // A locator waits for the link to be visible and retries if the list re-renders under it (sender logos arrive late).
  await page.locator(`tr.message-row[data-message-id="${messageId}"] a.subject-link`).click();
  await page.waitForSelector(`article.message-view[data-message-id="${messageId}"]`);
}

/** Marks the current document so a later check can tell an in-app navigation from a full page load. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __eboxHarnessMark?: boolean }).__eboxHarnessMark = true;
  });
}

export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __eboxHarnessMark?: boolean }).__eboxHarnessMark === true);
}
