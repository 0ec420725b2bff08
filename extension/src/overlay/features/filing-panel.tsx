// Message view: the filing panel (labels, tags, note, archive now) under the message header.
import { currentUser, openMessage } from '../../ebox-adapter/selectors.ts';
import { t } from '../../i18n/i18n.ts';
import { FilingChips } from '../components/filing-chips.tsx';
import { FilingForm } from '../components/filing-form.tsx';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';

export const filingPanel: Feature = {
  id: 'filing-panel',
  init({ signal, store, document, wxt }) {
    const panel = anchoredPanel({
      wxt,
      signal,
      name: 'ebox-keeper-panel',
      feature: 'filing-panel',
      append: 'after',
      isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'click'],
      locate: () => {
        const open = openMessage(document);
        return open ? { anchor: open.anchor, key: open.messageId } : undefined;
      },
      view: (messageId) => {
        const filing = store.get().filing.get(messageId);
        return (
          <div class="panel" data-message-id={messageId}>
            <h2>
              e-Box Keeper <FilingChips filing={filing} labels={store.get().labels} />
            </h2>
            {/* Keyed by message: opening another message starts a fresh form. */}
            {filing ? <FilingForm key={messageId} messageId={messageId} filing={filing} labels={store.get().labels} store={store} user={currentUser(document)} /> : <p class="status">{t('overlay_notSeen')}</p>}
          </div>
        );
      },
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(panel.paint, signal);
  },
};
