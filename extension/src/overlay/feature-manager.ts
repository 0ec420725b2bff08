// Runs every overlay feature on the current page and again after each in-app navigation, each run with a fresh
// AbortSignal aborted on the next navigation: every listener and observer takes it, which is the whole clean-up.
// One feature throwing never stops the others.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayStore } from './overlay-store.ts';

export interface FeatureContext {
  signal: AbortSignal;
  store: OverlayStore;
  document: Document;
  /** WXT's content-script context, for createShadowRootUi. */
  wxt: ContentScriptContext;
}

export interface Feature {
  id: string;
  init(ctx: FeatureContext): void | Promise<void>;
}

export function runFeatures(features: readonly Feature[], base: Omit<FeatureContext, 'signal'>, signal: AbortSignal): void {
  for (const feature of features) {
    try {
      void Promise.resolve(feature.init({ ...base, signal })).catch((e: unknown) => console.error(`[e-Box Keeper] ${feature.id}`, e));
    } catch (e) {
      console.error(`[e-Box Keeper] ${feature.id}`, e);
    }
  }
}

/** Starts the features now and on every navigation `onNavigate` reports; stops everything when `stop` aborts. */
export function manageFeatures(features: readonly Feature[], base: Omit<FeatureContext, 'signal'>, onNavigate: (run: () => void) => void, stop: AbortSignal): void {
  let current: AbortController | undefined;
  const run = () => {
    current?.abort();
    if (stop.aborted) return;
    current = new AbortController();
    runFeatures(features, base, AbortSignal.any([current.signal, stop]));
  };
  onNavigate(run);
  run();
}
