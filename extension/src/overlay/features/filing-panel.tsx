// Message view: the filing panel (labels, tags, note, archive now) under the open message's heading.
import { placeOpenMessage } from '../../ebox-adapter/placement.ts';
import { t } from '../../i18n/i18n.ts';
import { FilingChips } from '../components/filing-chips.tsx';
import { FilingForm } from '../components/filing-form.tsx';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { archivingUser, openedMessage, reportPlacement } from '../page-model.ts';

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
        const open = openedMessage(store);
        if (!open) return undefined;
        const place = placeOpenMessage(document, open);
        reportPlacement(store, 'filing-panel', place ? 1 : 0, place ? 0 : 1);
        return place ? { anchor: place.anchor, key: open.messageId, append: place.position === 'after' ? 'after' : 'first' } : undefined;
      },
      view: (messageId) => {
        const filing = store.get().filing.get(messageId);
        return (
          <div class="panel" data-message-id={messageId}>
            <h2>
              e-Box Keeper <FilingChips filing={filing} labels={store.get().labels} />
            </h2>
            {/* Keyed by message: opening another message starts a fresh form. */}
            {filing ? <FilingForm key={messageId} messageId={messageId} filing={filing} labels={store.get().labels} store={store} user={archivingUser(store)} /> : <p class="status">{t('overlay_notSeen')}</p>}
          </div>
        );
      },
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(() => {
      void panel.place();
      panel.paint();
    }, signal);
  },
};
