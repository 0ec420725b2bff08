// The facts of an e-Box tab, for the content script (its own tab) and extension pages (side panel, diagnostics).
import { callWorker } from '../messaging/client.ts';
import { watchSession } from '../platform/runtime.ts';
import type { PageFacts } from './page-facts.ts';
import { pageFactsKey, type TabDiagnosis } from './page-facts-api.ts';
import type { PageEvent } from './page-facts-reducer.ts';

/** Content script: reports what the app loaded or showed; answers the tab's facts after it. */
export function reportPageEvent(event: PageEvent): Promise<PageFacts> {
  return callWorker('pageFacts.event', { event });
}

/** The facts of a tab (an extension page names it; a content script gets its own). */
export function getPageFacts(tabId?: number): Promise<PageFacts | undefined> {
  return callWorker('pageFacts.get', tabId !== undefined ? { tabId } : {});
}

/** Extension pages: the tab's facts now and on every change, until `signal` aborts. */
export function watchPageFacts(tabId: number, onChange: (facts: PageFacts | undefined) => void, signal: AbortSignal): void {
  watchSession<PageFacts>(pageFactsKey(tabId), onChange, signal);
  void getPageFacts(tabId).then((f) => !signal.aborted && onChange(f), () => undefined);
}

/** Content script: opens the diagnostics page for this tab, where permissions can be asked with a click. */
export function openDiagnostics(origin?: string): Promise<void> {
  return callWorker('pageFacts.openDiagnostics', origin ? { origin } : {});
}

/** Diagnostics page: every e-Box tab's facts, calls and placement. */
export function diagnoseTabs(): Promise<TabDiagnosis[]> {
  return callWorker('pageFacts.diagnose');
}
