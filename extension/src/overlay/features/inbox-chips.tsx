// Inbox: on every row of a message the data says is listed, a selection box, the message's chips (archived mark,
// labels, tags) and a quick "file" action. Rows are found by placement.ts (id anywhere, else subject and date);
// rows the app re-renders get decorated again; a row never gets two decorations.
import { render } from 'preact';
import { placeList } from '../../ebox-adapter/placement.ts';
import { listedMessages, reportPlacement } from '../page-model.ts';
import { t } from '../../i18n/i18n.ts';
import { FilingChips } from '../../ui/filing-chips.tsx';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import type { OverlayStore } from '../overlay-store.ts';
import { createShadowHost } from '../shadow-host.ts';
import { openFilingPopover } from './filing-popover.tsx';

const TAG = 'ebox-keeper-row';

interface Decoration {
  messageId: string;
  mount: HTMLElement;
}

function RowOverlay({ messageId, store, anchor }: { messageId: string; store: OverlayStore; anchor: () => HTMLElement }) {
  const s = store.get();
  return (
    <span class="chips">
      <input
        type="checkbox"
        class="select"
        aria-label={t('overlay_select')}
        checked={s.selected.has(messageId)}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          store.update((st) => void (on ? st.selected.add(messageId) : st.selected.delete(messageId)));
        }}
      />
      <FilingChips filing={s.filing.get(messageId)} labels={s.labels} />
      <button type="button" class="action" data-action="file" onClick={() => openFilingPopover(messageId, anchor())}>
        {t('overlay_file')}
      </button>
    </span>
  );
}

export const inboxChips: Feature = {
  id: 'inbox-chips',
  init({ signal, store, document }) {
    const decorations = new Map<HTMLElement, Decoration>();
    const paint = (row: HTMLElement, d: Decoration) => render(<RowOverlay messageId={d.messageId} store={store} anchor={() => d.mount} />, d.mount);
    // User-timing entries: the cost of decorating shows in the browser's performance tools and in the bench.
    const decorate = () => {
      const started = performance.now();
      const listed = listedMessages(store);
      const placement = listed.length ? placeList(document, listed) : { rows: [], unplaced: [] };
      for (const { messageId, anchor } of placement.rows) {
        const { element, position } = anchor;
        let existing = (position === 'append' ? element.querySelector<HTMLElement>(`:scope > ${TAG}`) : element.nextElementSibling?.localName === TAG ? (element.nextElementSibling as HTMLElement) : null) ?? null;
        // A host copied by the app (a cloned row) has no shadow root of ours: replace it.
        if (existing && !decorations.has(existing)) {
          existing.remove();
          existing = null;
        }
        // The message's decoration elsewhere (its anchor improved once its subject was known): move it here.
        for (const [host, d] of decorations) {
          if (d.messageId !== messageId || host === existing) continue;
          if (existing) {
            render(null, d.mount);
            host.remove();
            decorations.delete(host);
          } else {
            existing = host;
            if (position === 'append') element.append(host);
            else element.after(host);
          }
        }
        const known = existing && decorations.get(existing);
        // A row reused by the app for another message keeps its host but must show the new message.
        if (known && known.messageId === messageId) continue;
        const host = existing ?? createShadowHost(TAG, 'inbox-chips').host;
        host.setAttribute('data-ebox-keeper-message', messageId);
        const mount = known?.mount ?? (host.shadowRoot!.lastElementChild as HTMLElement);
        const d = { messageId, mount };
        decorations.set(host, d);
        if (!existing) {
          if (position === 'append') element.append(host);
          else element.after(host);
        }
        paint(host, d);
      }
      for (const [host, d] of decorations) {
        if (!host.isConnected || !placement.rows.some((p) => p.messageId === d.messageId)) {
          render(null, d.mount);
          host.remove();
          decorations.delete(host);
        }
      }
      reportPlacement(store, 'inbox-chips', placement.rows.length, placement.unplaced.length);
      performance.measure('ebox-keeper:decorate', { start: started });
    };
    watchDom(document.body, decorate, signal);
    let lastListed = '';
    store.subscribe(() => {
      const listed = `${store.get().facts?.listed?.ids.join(' ') ?? ''} ${store.get().messages.size}`;
      if (listed !== lastListed) {
        lastListed = listed;
        decorate();
      }
      const started = performance.now();
      for (const [host, d] of decorations) paint(host, d);
      performance.measure('ebox-keeper:repaint', { start: started });
    }, signal);
    signal.addEventListener('abort', () => {
      for (const [host, d] of decorations) {
        render(null, d.mount);
        host.remove();
      }
      decorations.clear();
    });
  },
};
