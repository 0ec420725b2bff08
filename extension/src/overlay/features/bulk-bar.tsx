// Inbox: the shared bulk actions (ui/bulk-actions.tsx) placed above the app's list; the page's messages are the ones
// the data says the view lists, whether or not their rows were found.
import { placeList } from '../../ebox-adapter/placement.ts';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { archivingUser, listedMessages, reportPlacement } from '../page-model.ts';
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
        const listed = listedMessages(store);
        if (!listed.length) return undefined;
        const { listAnchor } = placeList(document, listed);
        reportPlacement(store, 'bulk-bar', listAnchor ? 1 : 0, listAnchor ? 0 : 1);
        return listAnchor ? { anchor: listAnchor, key: '' } : undefined;
      },
      view: () => <BulkActions store={store} rowIds={store.get().facts?.listed?.ids ?? []} by={archivingUser(store)} />,
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
    store.subscribe(() => {
      void panel.place();
      panel.paint();
    }, signal);
  },
};
