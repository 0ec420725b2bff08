// How content scripts and extension pages reach the tab facts the service worker keeps (page-facts-worker.ts).
import type { PageEvent } from './page-facts-reducer.ts';

export const PAGE_FACTS_REQUEST = 'ebox-keeper/page-facts';

export type PageFactsRequest =
  /** From an e-Box tab's content script: something the app loaded or showed. Answers the tab's facts. */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'event'; event: PageEvent }
  /** From an extension page (or a content script, for its own tab): the facts of a tab. */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'get'; tabId?: number };

export type PageFactsReply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Where each tab's facts are published (storage.session, readable by extension pages only). */
export function pageFactsKey(tabId: number): string {
  return `pageFacts.tab.${tabId}`;
}
