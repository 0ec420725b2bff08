// Wires the expiry capability to the rest of the service worker: the archive's store as the seen messages, the
// archive worker's archiveNow for "archive now", tabs for "open in e-Box". One call from background.ts, after
// registerArchiveWorker().
import { browser } from 'wxt/browser';
import { sharedArchiveDb } from '../archive/db.ts';
import { archiveNow } from '../archive/worker.ts';
import { archiveSeenSource } from './archive-seen-source.ts';
import { openEbox } from './ebox-tab.ts';
import { registerExpiry } from './register-expiry.ts';
import type { ExpiryService } from './expiry-service.ts';

export function registerExpiryWorker(): ExpiryService {
  const sandbox = import.meta.env.WXT_EBOX_SANDBOX === '1';
  return registerExpiry({
    source: archiveSeenSource(sharedArchiveDb()),
    archiver: {
      async archive(messageId) {
        await archiveNow(messageId);
      },
    },
    openEbox: () => openEbox(sandbox),
    openList: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
    },
  });
}
