// Message view: the shared filing card (ui/filing-card.tsx) placed under the open message's heading.
import { placeOpenMessage } from '../../ebox-adapter/placement.ts';
import { FilingCard } from '../../ui/filing-card.tsx';
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
      view: (messageId) => <FilingCard messageId={messageId} store={store} user={archivingUser(store)} />,
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(() => {
      void panel.place();
      panel.paint();
    }, signal);
  },
};
