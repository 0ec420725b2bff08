// The overlay's state in the e-Box tab: what the archive says about the messages shown, the labels, the selection,
// the list the app shows (for "everything matching the filter") and the bulk jobs' progress.
import type { RegisteredKind } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { Label } from '../archive/records.ts';
import type { PageFacts } from '../ebox-adapter/page-facts.ts';
import type { BulkJob } from '../jobs/bulk-job.ts';
import type { FilingView } from '../messaging/protocol.ts';

export interface OverlayState {
  filing: Map<string, FilingView>;
  labels: Label[];
  selected: Set<string>;
  /** The registry list the app last fetched: its URL carries the current filter. */
  list?: { listUrl: string; totalItems?: number };
  jobs: BulkJob[];
  /** What the service worker knows of this tab, from the registry traffic and the URL (page-facts.ts). */
  facts?: PageFacts;
  /** What the captured answers said of each message: enough to find its row by subject and date. */
  messages: Map<string, { subject: TranslatedString; receiptDate: string; kind: RegisteredKind }>;
  /** Per feature, what it could place on the page in its last run (for the notice and diagnostics). */
  placement: Record<string, { placed: number; unplaced: number }>;
}

export interface OverlayStore {
  get(): OverlayState;
  update(change: (s: OverlayState) => void): void;
  subscribe(listener: () => void, signal: AbortSignal): void;
}

export function createOverlayStore(): OverlayStore {
  const state: OverlayState = { filing: new Map(), labels: [], selected: new Set(), jobs: [], messages: new Map(), placement: {} };
  const listeners = new Set<() => void>();
  let scheduled = false;
  return {
    get: () => state,
    update(change) {
      change(state);
      // Many updates in one task (a page of 25 rows) repaint once.
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        for (const l of [...listeners]) l();
      });
    },
    subscribe(listener, signal) {
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}
