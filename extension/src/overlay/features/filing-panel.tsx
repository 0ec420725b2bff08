// Message view: the filing panel (labels, tags, note, archive now) under the message header.
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { currentUser, openMessage } from '../../ebox-adapter/selectors.ts';
import { t } from '../../i18n/i18n.ts';
import { FilingChips } from '../components/filing-chips.tsx';
import { FilingForm } from '../components/filing-form.tsx';
import { HOST_ATTRIBUTE, watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { overlayCss } from '../shadow-host.ts';

export const filingPanel: Feature = {
  id: 'filing-panel',
  init({ signal, store, document, wxt }) {
    let ui: { messageId: string; anchor: Element; ui: ShadowRootContentScriptUi<HTMLElement> } | undefined;
    let mounting = false;
    const paint = () => {
      if (!ui) return;
      const messageId = ui.messageId;
      const filing = store.get().filing.get(messageId);
      render(
        <div class="panel" data-message-id={messageId}>
          <h2>
            e-Box Keeper <FilingChips filing={filing} labels={store.get().labels} />
          </h2>
          {/* Keyed by message: opening another message starts a fresh form. */}
          {filing ? <FilingForm key={messageId} messageId={messageId} filing={filing} labels={store.get().labels} store={store} user={currentUser(document)} /> : <p class="status">{t('overlay_notSeen')}</p>}
        </div>,
        ui.ui.mounted!,
      );
    };
    const unmount = () => {
      if (!ui) return;
      render(null, ui.ui.mounted!);
      ui.ui.remove();
      ui = undefined;
    };
    const place = async () => {
      const open = openMessage(document);
      if (ui && (!open || open.messageId !== ui.messageId || open.anchor !== ui.anchor || !ui.ui.shadowHost.isConnected)) unmount();
      if (!open || ui || mounting) return;
      mounting = true;
      try {
        const created = await createShadowRootUi(wxt, {
          name: 'ebox-keeper-panel',
          position: 'inline',
          anchor: open.anchor,
          append: 'after',
          css: overlayCss,
          isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'click'],
          onMount: (container) => container,
        });
        if (signal.aborted) return;
        created.mount();
        created.shadowHost.setAttribute(HOST_ATTRIBUTE, 'filing-panel');
        ui = { messageId: open.messageId, anchor: open.anchor, ui: created };
        paint();
      } finally {
        mounting = false;
      }
    };
    watchDom(document.body, () => void place(), signal);
    store.subscribe(paint, signal);
    signal.addEventListener('abort', unmount);
  },
};
