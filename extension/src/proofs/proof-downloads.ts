// Saves a proof file the service worker got from the helper into the user's downloads. The page never sees the
// pairing secret: the worker fetches, the browser's downloads API saves. Chrome's service worker has no
// URL.createObjectURL, so there the file goes as a data: URL; Firefox's background page has it.
import { browser } from 'wxt/browser';
import { toBase64 } from '../helper-client/helper-client.ts';

const REVOKE_AFTER_MS = 60_000;

export async function saveToDownloads(blob: Blob, filename: string): Promise<void> {
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(blob);
    try {
      await browser.downloads.download({ url, filename, conflictAction: 'uniquify' });
    } finally {
      // The download reads the object URL after download() resolves.
      setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    }
    return;
  }
  const url = `data:${blob.type || 'application/octet-stream'};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  await browser.downloads.download({ url, filename, conflictAction: 'uniquify' });
}
