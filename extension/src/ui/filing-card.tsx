// A message's filing card (its chips, then labels, tags, note and "archive now"), shared by the overlay's message
// view and the side panel.
import { t } from '../i18n/i18n.ts';
import type { OverlayStore } from '../overlay/overlay-store.ts';
import { FilingChips } from './filing-chips.tsx';
import { FilingForm } from './filing-form.tsx';

export function FilingCard({ messageId, store, user }: { messageId: string; store: OverlayStore; user: string }) {
  const filing = store.get().filing.get(messageId);
  return (
    <div class="panel" data-message-id={messageId}>
      <h2>
        e-Box Keeper <FilingChips filing={filing} labels={store.get().labels} />
      </h2>
      {/* Keyed by message: opening another message starts a fresh form. */}
      {filing ? <FilingForm key={messageId} messageId={messageId} filing={filing} labels={store.get().labels} store={store} user={user} /> : <p class="status">{t('overlay_notSeen')}</p>}
    </div>
  );
}
