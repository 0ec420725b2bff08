// Message view of a registered message: the proof view (ui/proof-view.tsx) placed under the open message.
import { openRegisteredMessage } from '../../ebox-adapter/selectors.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ProofPanel } from '../../ui/proof-view.tsx';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';

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
        const open = openRegisteredMessage(document);
        return open ? { anchor: open.anchor, key: open.messageId } : undefined;
      },
      view: (messageId) => <ProofPanel key={messageId} messageId={messageId} language={currentLanguage()} archived={store.get().filing.get(messageId)?.archived ?? false} />,
    });
    watchDom(document.body, () => void panel.place(), signal);
    store.subscribe(panel.paint, signal);
  },
};
