// Saving a file the helper serves (a receipt, an evidence report, a bundle) into the user's downloads: the browser
// fetches it from the helper itself with the pairing secret in the request headers and streams it to disk. No copy
// passes through the service worker, which has no object URLs in Chrome, and whose data: URLs are strings V8
// caps near half a gigabyte. The page never sees the secret.
import { browser } from 'wxt/browser';
import type { HelperClient } from './helper-client.ts';

export interface SavedFile {
  /** The name the browser saved it under (another file may already have had ours). */
  filename: string;
  fileSize: number;
}

/** Saves the helper's file at `path` under `filename`; rejects when the browser could not, or `signal` aborted. */
export async function saveFromHelper(client: HelperClient, path: string, filename: string, signal?: AbortSignal): Promise<SavedFile> {
  const id = await browser.downloads.download({ ...client.downloadRequest(path), filename, conflictAction: 'uniquify', saveAs: false });
  // A cancel while the browser saves stops the download (it then ends "interrupted").
  const stop = () => void browser.downloads.cancel(id).catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  const item = await downloaded(id).finally(() => signal?.removeEventListener('abort', stop));
  return { filename: item.filename.split(/[\\/]/).pop() || filename, fileSize: item.fileSize };
}

/** Resolves once the browser has written the file, with where it went. */
function downloaded(downloadId: number): Promise<{ filename: string; fileSize: number }> {
  return new Promise((resolve, reject) => {
    const settle = () =>
      browser.downloads.search({ id: downloadId }).then(([item]) => {
        if (!item) return reject(new Error('the download vanished'));
        if (item.state === 'in_progress') return;
        browser.downloads.onChanged.removeListener(listener);
        if (item.state === 'complete') resolve({ filename: item.filename, fileSize: item.fileSize });
        else reject(new Error(`the browser could not save the file (${item.error ?? item.state})`));
      }, reject);
    const listener = (delta: { id: number; state?: { current?: string } }) => {
      if (delta.id === downloadId && delta.state?.current && delta.state.current !== 'in_progress') void settle();
    };
    browser.downloads.onChanged.addListener(listener);
    // A small file from 127.0.0.1 may be done before the listener was added.
    void settle();
  });
}
