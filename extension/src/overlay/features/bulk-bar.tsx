// Inbox: the shared bulk actions (ui/bulk-actions.tsx) placed above the app's list, with its rows as the selection.
import { currentUser, inboxList, inboxRows, rowMessageId } from '../../ebox-adapter/selectors.ts';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { BulkActions } from '../../ui/bulk-actions.tsx';

export const bulkBar: Feature = {
  id: 'bulk-bar',
  init({ signal, store, document, wxt }) {
    const panel = anchoredPanel({
      wxt,
      signal,
      name: 'ebox-keeper-bulk',
      feature: 'bulk-bar',
      append: 'before',
      isolateEvents: ['click', 'keydown', 'keyup', 'input', 'change'],
      locate: () => {
        const list = inboxList(document);
        return list ? { anchor: list, key: '' } : undefined;
      },
      view: () => <BulkActions store={store} rowIds={inboxRows(document).map(rowMessageId).filter((id): id is string => !!id)} by={currentUser(document)} />,
    });
    // The bar also shows what the list now holds (the current filter), so it repaints when the page changes.
    watchDom(
      document.body,
      () => {
        void panel.place();
        panel.paint();
      },
      signal,
    );
    store.subscribe(panel.paint, signal);
  },
};
