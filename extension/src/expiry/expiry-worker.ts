// Wires the expiry capability to the rest of the service worker: the archive's store as the seen messages, the
// archive worker's archiveNow for "archive now", tabs for "open in e-Box". One call from background.ts, after
// registerArchiveWorker().
import { browser } from 'wxt/browser';
import { t } from '../i18n/i18n.ts';
import { sharedArchiveDb } from '../archive/db.ts';
import { archiveNow } from '../archive/worker.ts';
import { OPEN_COMPANY_STORAGE_KEY, rememberedCompany } from '../archive/ebox-company.ts';
import { watchLocal } from '../platform/runtime.ts';
import { archiveSeenSource } from './archive-seen-source.ts';
import { withKeptMessages } from '../helper-kept/kept-seen-source.ts';
import { readKept } from '../helper-kept/kept-api.ts';
import { pairedHelperClient } from '../settings/helper-connection.ts';
import { openEbox } from './ebox-tab.ts';
import { registerExpiry } from './register-expiry.ts';
import type { ExpiryService } from './expiry-service.ts';

export function registerExpiryWorker(): ExpiryService {
  const sandbox = import.meta.env.WXT_EBOX_SANDBOX === '1';
  const service = registerExpiry({
    // The helper's kept messages count too (its sync keeps mail no browser has seen).
    source: withKeptMessages(archiveSeenSource(sharedArchiveDb()), async () => {
      const helper = await pairedHelperClient();
      return helper ? readKept(helper) : null;
    }),
    archiver: {
      async archive(messageId) {
        if (!(await sharedArchiveDb().messages.get(messageId))) {
          // Only the helper's sync knows it (this browser never saw it): the helper's next run fetches what is missing.
          const helper = await pairedHelperClient();
          if (helper && (await helper.syncNow().catch(() => false))) return;
          throw new Error(t('kept.notInBrowser'));
        }
        await archiveNow(messageId);
      },
    },
    openEbox: () => openEbox(sandbox),
    openList: async () => {
      await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
    },
    companies: async () => {
      const [open, companies] = await Promise.all([rememberedCompany(), sharedArchiveDb().companies.toArray()]);
      return { open: open?.cbe, names: Object.fromEntries(companies.flatMap((c) => (c.name ? [[c.cbe, c.name]] : []))) };
    },
  });
  // The badge counts the open e-Box's company: another company signed in repaints it.
  watchLocal(OPEN_COMPANY_STORAGE_KEY, () => void service.refresh().catch((e: unknown) => console.error('[expiry] refresh on company change failed', e)), new AbortController().signal);
  return service;
}
