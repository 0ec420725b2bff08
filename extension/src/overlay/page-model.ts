// What the overlay shows comes from the tab's facts (the registry traffic), never from the page's markup: these
// read the listed and open messages, and who is archiving, out of the overlay store.
import type { ListedMessage } from '../ebox-adapter/placement.ts';
import type { OverlayStore } from './overlay-store.ts';

/** The messages the current view lists, in the app's order, with what is known to find their rows. */
export function listedMessages(store: OverlayStore): ListedMessage[] {
  const s = store.get();
  return (s.facts?.listed?.ids ?? []).map((messageId) => {
    const m = s.messages.get(messageId);
    return { messageId, subject: m?.subject ?? {}, receiptDate: m?.receiptDate ?? '' };
  });
}

/** The message the app has open, if any. */
export function openedMessage(store: OverlayStore): (ListedMessage & { kind: 'simple' | 'registered' | 'qualified' | undefined }) | undefined {
  const s = store.get();
  const id = s.facts?.open?.messageId;
  if (!id) return undefined;
  const m = s.messages.get(id);
  return { messageId: id, subject: m?.subject ?? {}, receiptDate: m?.receiptDate ?? '', kind: m?.kind };
}

/** Who archives, as records and receipts name them: the person signed in, else the company, else a neutral name. */
export function archivingUser(store: OverlayStore): string {
  const f = store.get().facts;
  if (f?.person) return f.person;
  const e = f?.enterprise;
  if (e) return [e.name, `(${e.cbe})`].filter(Boolean).join(' ');
  return 'e-Box user';
}

/** Records what a feature could place in its last run. */
export function reportPlacement(store: OverlayStore, feature: string, placed: number, unplaced: number): void {
  const before = store.get().placement[feature];
  if (before && before.placed === placed && before.unplaced === unplaced) return;
  store.update((s) => void (s.placement[feature] = { placed, unplaced }));
}
