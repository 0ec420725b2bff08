// The archive page's side: ask the service worker to export or cancel, and follow the export's state.
import { readLocal, sendToWorker, watchLocal } from '../platform/runtime.ts';
import { BUNDLE_EXPORT_KEY, type BundleAnswer, type BundleExportState, type BundleRequest } from './bundle-protocol.ts';

async function ask(request: BundleRequest): Promise<void> {
  const answer = (await sendToWorker(request)) as BundleAnswer | undefined;
  if (!answer) throw new Error("the extension's service worker did not answer");
  if (!answer.ok) throw new Error(answer.error);
}

/** `companies`: the companies whose mail the bundle holds, as the user chose (one, or several explicitly). */
export const askBundleExport = (messageIds: string[], selection: string, companies: { key: string; name?: string }[]) =>
  ask({ type: 'bundles.export', messageIds, selection, companies: companies.map((c) => ({ key: c.key, ...(c.name ? { name: c.name } : {}) })) });
export const askBundleCancel = () => ask({ type: 'bundles.cancel' });

/** Calls `listener` with the current export state, then with every change, until `signal` aborts. */
export function followBundleExport(listener: (state: BundleExportState | undefined) => void, signal: AbortSignal): void {
  watchLocal<BundleExportState>(BUNDLE_EXPORT_KEY, listener, signal);
  void readLocal<BundleExportState>(BUNDLE_EXPORT_KEY).then((s) => signal.aborted || listener(s));
}
