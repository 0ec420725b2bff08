// How content scripts and extension pages reach the tab facts the service worker keeps (page-facts-worker.ts).
import type { PageFacts } from './page-facts.ts';
import type { CallSeen, PageEvent } from './page-facts-reducer.ts';

export const PAGE_FACTS_REQUEST = 'ebox-keeper/page-facts';

export type PageFactsRequest =
  /** From an e-Box tab's content script: something the app loaded or showed. Answers the tab's facts. */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'event'; event: PageEvent }
  /** From an extension page (or a content script, for its own tab): the facts of a tab. */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'get'; tabId?: number }
  /** From a content script: opens the diagnostics page for its tab (where a provider's permission can be asked). */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'openDiagnostics'; origin?: string }
  /** From the diagnostics page: every e-Box tab's facts, with the calls seen and what could be placed. */
  | { kind: typeof PAGE_FACTS_REQUEST; method: 'diagnose' };

export interface TabDiagnosis {
  facts: PageFacts;
  calls: CallSeen[];
  placement: Record<string, { placed: number; unplaced: number }>;
}

/** Asked of an e-Box tab's content script: the page's skeleton for a diagnostics report. */
export const SKELETON_REQUEST = 'ebox-keeper/page-skeleton';

export type PageFactsReply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Where each tab's facts are published (storage.session, readable by extension pages only). */
export function pageFactsKey(tabId: number): string {
  return `pageFacts.tab.${tabId}`;
}
