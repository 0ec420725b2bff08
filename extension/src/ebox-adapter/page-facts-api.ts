// How content scripts and extension pages reach the tab facts the service worker keeps (page-facts-worker.ts):
// methods of the one typed registry (messaging/protocol.ts).
import type { PageFacts } from './page-facts.ts';
import type { CallSeen, PageEvent } from './page-facts-reducer.ts';

export interface TabDiagnosis {
  facts: PageFacts;
  calls: CallSeen[];
  placement: Record<string, { placed: number; unplaced: number }>;
}

export interface PageFactsApi {
  /** From an e-Box tab's content script: something the app loaded or showed. Answers the tab's facts. */
  'pageFacts.event': (p: { event: PageEvent }) => PageFacts;
  /** From an extension page (naming the tab) or a content script (its own tab): the facts of a tab. */
  'pageFacts.get': (p: { tabId?: number }) => PageFacts | undefined;
  /** From a content script: opens the diagnostics page for its tab (where a provider's permission can be asked). */
  'pageFacts.openDiagnostics': (p: { origin?: string }) => void;
  /** From the diagnostics page: every e-Box tab's facts, with the calls seen and what could be placed. */
  'pageFacts.diagnose': () => TabDiagnosis[];
}

/** Asked of an e-Box tab's content script by the diagnostics page: the page's skeleton for a report. */
export const SKELETON_REQUEST = 'ebox-keeper/page-skeleton';

/** Where each tab's facts are published (storage.session, readable by extension pages only). */
export function pageFactsKey(tabId: number): string {
  return `pageFacts.tab.${tabId}`;
}
