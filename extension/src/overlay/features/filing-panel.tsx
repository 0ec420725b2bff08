// Message view: the shared filing card (ui/filing-card.tsx) placed under the message header.
import { currentUser, openMessage } from '../../ebox-adapter/selectors.ts';
import { FilingCard } from '../../ui/filing-card.tsx';
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
      view: (messageId) => <FilingCard messageId={messageId} store={store} user={currentUser(document)} />,
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(panel.paint, signal);
  },
};
