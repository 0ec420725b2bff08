// The facts of an e-Box tab, for the content script (its own tab) and extension pages (side panel, diagnostics).
import { sendToWorker, watchSession } from '../platform/runtime.ts';
import type { PageFacts } from './page-facts.ts';
import { PAGE_FACTS_REQUEST, pageFactsKey, type PageFactsReply, type PageFactsRequest, type TabDiagnosis } from './page-facts-protocol.ts';
import type { PageEvent } from './page-facts-reducer.ts';

async function ask<T>(request: PageFactsRequest): Promise<T> {
  const reply = (await sendToWorker(request)) as PageFactsReply<T> | undefined;
  if (!reply) throw new Error(`The extension's service worker did not answer page-facts ${request.method}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Content script: reports what the app loaded or showed; answers the tab's facts after it. */
export function reportPageEvent(event: PageEvent): Promise<PageFacts> {
  return ask<PageFacts>({ kind: PAGE_FACTS_REQUEST, method: 'event', event });
}

/** The facts of a tab (an extension page names it; a content script gets its own). */
export function getPageFacts(tabId?: number): Promise<PageFacts | undefined> {
  return ask<PageFacts | undefined>({ kind: PAGE_FACTS_REQUEST, method: 'get', ...(tabId !== undefined ? { tabId } : {}) });
}

/** Extension pages: the tab's facts now and on every change, until `signal` aborts. */
export function watchPageFacts(tabId: number, onChange: (facts: PageFacts | undefined) => void, signal: AbortSignal): void {
  watchSession<PageFacts>(pageFactsKey(tabId), onChange, signal);
  void getPageFacts(tabId).then((f) => !signal.aborted && onChange(f), () => undefined);
}

/** Content script: opens the diagnostics page for this tab, where permissions can be asked with a click. */
export function openDiagnostics(origin?: string): Promise<void> {
  return ask<void>({ kind: PAGE_FACTS_REQUEST, method: 'openDiagnostics', ...(origin ? { origin } : {}) });
}

/** Diagnostics page: every e-Box tab's facts, calls and placement. */
export function diagnoseTabs(): Promise<TabDiagnosis[]> {
  return ask<TabDiagnosis[]>({ kind: PAGE_FACTS_REQUEST, method: 'diagnose' });
}
