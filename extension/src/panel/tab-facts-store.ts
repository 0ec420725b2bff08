// The service worker's PageFacts per tab, kept in session storage (gone with the browser, never visible to content
// scripts) so that a restarted worker still knows what each e-Box tab shows. Facts of closed tabs are dropped.
import { browser } from 'wxt/browser';
import type { PageFacts } from '../ebox-adapter/page-facts.ts';
import { readSession, writeSession } from '../platform/runtime.ts';

const FACTS_KEY = 'panel.tabFacts';

let queue: Promise<unknown> = Promise.resolve();

export async function tabFacts(tabId: number): Promise<PageFacts | undefined> {
  return (await readSession<Record<string, PageFacts>>(FACTS_KEY))?.[tabId];
}

/** Changes one tab's facts, one change at a time (answers arrive in bursts). */
export function updateTabFacts(tabId: number, change: (facts: PageFacts | undefined) => PageFacts | undefined): Promise<PageFacts | undefined> {
  const run = queue.then(async () => {
    const all = { ...(await readSession<Record<string, PageFacts>>(FACTS_KEY)) };
    const next = change(all[tabId]);
    if (next) all[tabId] = next;
    else delete all[tabId];
    await writeSession(FACTS_KEY, all);
    return next;
  });
  queue = run.catch(() => {});
  return run;
}

/** Registered once from the worker: a closed tab's facts go with it. */
export function forgetClosedTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void updateTabFacts(tabId, () => undefined));
}
