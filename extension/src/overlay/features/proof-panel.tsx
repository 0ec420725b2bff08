// Message view of a registered message: the proof view (ui/proof-view.tsx) placed under the open message. Whether it
// is registered comes from the registry's data, not from the page; the receipt itself never waits for this panel.
import { placeOpenMessage } from '../../ebox-adapter/placement.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ProofPanel } from '../../ui/proof-view.tsx';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { openedMessage, reportPlacement } from '../page-model.ts';

export const proofPanel: Feature = {
  id: 'proof-panel',
  init({ signal, store, document, wxt }) {
    const panel = anchoredPanel({
      wxt,
      signal,
      name: 'ebox-keeper-proofs',
      feature: 'proof-panel',
      append: 'after',
      isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'click'],
      locate: () => {
        const open = openedMessage(store);
        if (!open || (open.kind !== 'registered' && open.kind !== 'qualified')) return undefined;
        const place = placeOpenMessage(document, open);
        reportPlacement(store, 'proof-panel', place ? 1 : 0, place ? 0 : 1);
        return place ? { anchor: place.anchor, key: open.messageId, append: place.position === 'after' ? 'after' : 'first' } : undefined;
      },
      view: (messageId) => {
        // Placed from the page's facts, possibly before the worker has stored the message: asked again once it has.
        const filing = store.get().filing.get(messageId);
        return <ProofPanel key={`${messageId}:${filing ? 'seen' : 'unseen'}`} messageId={messageId} language={currentLanguage()} archived={filing?.archived ?? false} />;
      },
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(() => {
      void panel.place();
      panel.paint();
    }, signal);
  },
};
