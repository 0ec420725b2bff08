// The service worker's side of PageFacts: one state per e-Box tab, folded from what its content script reports
// (page-facts-reducer.ts), kept in storage.session so a restarted worker still knows every tab, and published there
// for extension pages (`watchPageFacts`). Openings of registered mail found in the traffic go to every
// `onMessageOpened` listener, whether or not any panel could be placed in the page.
import { t } from '../i18n/i18n.ts';
import { serve } from '../messaging/server.ts';
import { forgetRevokedAnswers } from './host-access.ts';
import { hasHostAccess, onHostAccessChanged, openExtensionTab, onTabClosed, readSession, removeSession, writeSession } from '../platform/runtime.ts';
import type { MessageOpening, PageFacts } from './page-facts.ts';
import { pageFactsKey, type TabDiagnosis } from './page-facts-api.ts';
import { reducePage, refreshPermissions, type PageEvent, type ReduceContext, type TabState } from './page-facts-reducer.ts';

const STATE_PREFIX = 'pageFacts.state.';
const TABS_KEY = 'pageFacts.tabs';

type OpeningListener = (opening: MessageOpening, tabId: number) => void | Promise<void>;
const openingListeners = new Set<OpeningListener>();

/** Worker-side: called once per opening of a registered or qualified message found in a tab's traffic. */
export function onMessageOpened(listener: OpeningListener): () => void {
  openingListeners.add(listener);
  return () => openingListeners.delete(listener);
}

/** Worker-side: the facts of a tab as last published. */
export async function pageFactsOf(tabId: number): Promise<PageFacts | undefined> {
  return (await readSession<TabState>(STATE_PREFIX + tabId))?.facts;
}

/** Worker-side: every tab's facts (the archive and diagnostics look for a registry's tab). */
export async function allPageFacts(): Promise<PageFacts[]> {
  const tabs = (await readSession<number[]>(TABS_KEY)) ?? [];
  return (await Promise.all(tabs.map(pageFactsOf))).filter((f): f is PageFacts => !!f);
}

export function registerPageFactsWorker(): void {
  // Every tab's events are folded one after another: two answers arriving together must not lose one.
  const queues = new Map<number, Promise<unknown>>();
  const permissions = new Map<string, boolean>();

  const context = async (state: TabState | undefined, event?: PageEvent): Promise<ReduceContext> => {
    const bases = [...(state?.facts.registries.map((r) => r.base) ?? [])];
    if (event?.type === 'call') {
      try {
        bases.push(new URL(event.url, event.pageUrl).origin);
      } catch {
        // Not a URL: the reducer ignores it.
      }
    }
    for (const base of bases) {
      const origin = new URL(base).origin;
      if (!permissions.has(origin)) permissions.set(origin, await hasHostAccess(origin));
    }
    return {
      permitted: (base) => permissions.get(new URL(base).origin) ?? false,
      say: (k, detail) => t(`pagefacts.${k}`, detail),
    };
  };

  const save = async (tabId: number, state: TabState) => {
    await writeSession(STATE_PREFIX + tabId, state);
    await writeSession(pageFactsKey(tabId), state.facts);
    const tabs = (await readSession<number[]>(TABS_KEY)) ?? [];
    if (!tabs.includes(tabId)) await writeSession(TABS_KEY, [...tabs, tabId]);
  };

  const apply = (tabId: number, event: PageEvent): Promise<PageFacts> => {
    const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
      const previous = await readSession<TabState>(STATE_PREFIX + tabId);
      const { state, openings } = reducePage(previous, tabId, event, await context(previous, event));
      await save(tabId, state);
      for (const opening of openings) {
        for (const listener of [...openingListeners]) {
          try {
            await listener(opening, tabId);
          } catch (e) {
            console.error('[e-Box Keeper] an opening listener failed', e);
          }
        }
      }
      return state.facts;
    });
    queues.set(tabId, run.catch(() => undefined));
    return run;
  };

  serve({
    'pageFacts.event': async ({ event }, sender) => {
      if (sender.tabId === undefined) throw new Error('page events come from an e-Box tab');
      return apply(sender.tabId, event);
    },
    'pageFacts.get': async ({ tabId }, sender) => {
      const id = tabId ?? sender.tabId;
      return id === undefined ? undefined : pageFactsOf(id);
    },
    'pageFacts.openDiagnostics': async ({ origin }, sender) => {
      const query = new URLSearchParams({ ...(sender.tabId !== undefined ? { tab: String(sender.tabId) } : {}), ...(origin ? { origin } : {}) });
      await openExtensionTab(`/diagnostics.html?${query}`);
    },
    'pageFacts.diagnose': async () => {
      const tabs = (await readSession<number[]>(TABS_KEY)) ?? [];
      const states = await Promise.all(tabs.map((id) => readSession<TabState>(STATE_PREFIX + id)));
      return states.filter((s): s is TabState => !!s).map((s): TabDiagnosis => ({ facts: s.facts, calls: s.calls ?? [], placement: s.placement ?? {} }));
    },
  });

  onTabClosed((tabId) => {
    void (async () => {
      await removeSession(STATE_PREFIX + tabId);
      await removeSession(pageFactsKey(tabId));
      const tabs = (await readSession<number[]>(TABS_KEY)) ?? [];
      await writeSession(TABS_KEY, tabs.filter((t) => t !== tabId));
    })();
  });

  // Consent given or withdrawn: every tab's registries say so at once.
  onHostAccessChanged(() => {
    permissions.clear();
    void forgetRevokedAnswers();
    void (async () => {
      for (const tabId of (await readSession<number[]>(TABS_KEY)) ?? []) {
        const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
          const state = await readSession<TabState>(STATE_PREFIX + tabId);
          if (state) await save(tabId, refreshPermissions(state, await context(state)));
        });
        queues.set(tabId, run.catch(() => undefined));
      }
    })();
  });
}
