// The archive page's side: ask the service worker to export or cancel, and follow the export's state.
import { callWorker } from '../messaging/client.ts';
import { readLocal, watchLocal } from '../platform/runtime.ts';
import { BUNDLE_EXPORT_KEY, type BundleExportState } from './bundle-protocol.ts';

/** `companies`: the companies whose mail the bundle holds, as the user chose (one, or several explicitly). */
export const askBundleExport = (messageIds: string[], selection: string, companies: { key: string; name?: string }[]) =>
  callWorker('bundles.export', { messageIds, selection, companies: companies.map((c) => ({ key: c.key, ...(c.name ? { name: c.name } : {}) })) });
export const askBundleCancel = () => callWorker('bundles.cancel');

/** Calls `listener` with the current export state, then with every change, until `signal` aborts. */
export function followBundleExport(listener: (state: BundleExportState | undefined) => void, signal: AbortSignal): void {
  watchLocal<BundleExportState>(BUNDLE_EXPORT_KEY, listener, signal);
  void readLocal<BundleExportState>(BUNDLE_EXPORT_KEY).then((s) => signal.aborted || listener(s));
}
