// One panel (WXT shadow-root UI) kept beside an element the e-Box app re-renders at will: created when its anchor
// appears, recreated when the app replaces the anchor or it now stands for another message, removed when the
// navigation's signal aborts. The single panels (bulk bar, filing panel) share this; row chips use createShadowHost.
import { render, type VNode } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { HOST_ATTRIBUTE } from './dom-watch.ts';
import { overlayCss } from './shadow-host.ts';

export interface PanelPlacement {
  anchor: Element;
  /** What the panel is about (a message id, or '' for a page-wide panel): a new key means a fresh panel. */
  key: string;
  /** Where it goes relative to the anchor, when not the feature's default. */
  append?: 'before' | 'after' | 'first';
}

export interface AnchoredPanelOptions {
  wxt: ContentScriptContext;
  signal: AbortSignal;
  /** The host element's name and its HOST_ATTRIBUTE value. */
  name: string;
  feature: string;
  append: 'before' | 'after' | 'first';
  isolateEvents: string[];
  locate: () => PanelPlacement | undefined;
  view: (key: string) => VNode;
}

export interface AnchoredPanel {
  /** Mounts, moves or removes the panel to match the page as it is now. */
  place(): Promise<void>;
  /** Renders the panel again, if it is mounted. */
  paint(): void;
}

export function anchoredPanel(options: AnchoredPanelOptions): AnchoredPanel {
  const { wxt, signal, locate, view } = options;
  let ui: { placement: PanelPlacement; ui: ShadowRootContentScriptUi<HTMLElement> } | undefined;
  let mounting = false;
  const paint = () => {
    if (ui) render(view(ui.placement.key), ui.ui.mounted!);
  };
  const unmount = () => {
    if (!ui) return;
    render(null, ui.ui.mounted!);
    ui.ui.remove();
    ui = undefined;
  };
  const place = async () => {
    const placement = locate();
    const stale = !placement || placement.anchor !== ui?.placement.anchor || placement.key !== ui.placement.key || placement.append !== ui.placement.append || !ui.ui.shadowHost.isConnected;
    if (ui && stale) unmount();
    if (!placement || ui || mounting) return;
    mounting = true;
    try {
      const created = await createShadowRootUi(wxt, {
        name: options.name,
        position: 'inline',
        anchor: placement.anchor,
        append: placement.append ?? options.append,
        css: overlayCss,
        isolateEvents: options.isolateEvents,
        onMount: (container) => container,
      });
      if (signal.aborted) return;
      created.mount();
      created.shadowHost.setAttribute(HOST_ATTRIBUTE, options.feature);
      ui = { placement, ui: created };
      paint();
    } finally {
      mounting = false;
    }
  };
  signal.addEventListener('abort', unmount);
  return { place, paint };
}
