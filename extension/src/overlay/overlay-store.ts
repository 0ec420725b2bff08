// The overlay's state in the e-Box tab: what the archive says about the messages shown, the labels, the selection,
// the list the app shows (for "everything matching the filter") and the bulk jobs' progress.
import type { Label } from '../archive/records.ts';
import type { BulkJob } from '../jobs/bulk-job.ts';
import type { FilingView } from '../messaging/protocol.ts';

export interface OverlayState {
  filing: Map<string, FilingView>;
  labels: Label[];
  selected: Set<string>;
  /** The registry list the app last fetched: its URL carries the current filter. */
  list?: { listUrl: string; totalItems?: number };
  jobs: BulkJob[];
}

export interface OverlayStore {
  get(): OverlayState;
  update(change: (s: OverlayState) => void): void;
  subscribe(listener: () => void, signal: AbortSignal): void;
}

export function createOverlayStore(): OverlayStore {
  const state: OverlayState = { filing: new Map(), labels: [], selected: new Set(), jobs: [] };
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
