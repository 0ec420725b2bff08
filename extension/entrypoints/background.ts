import { registerArchiveWorker } from '@/src/archive/worker';
import { registerPageFactsWorker } from '@/src/ebox-adapter/page-facts-worker';
import { registerBundleWorker } from '@/src/bundles/bundle-worker';
import { registerExpiryWorker } from '@/src/expiry/expiry-worker';
import { registerHelperRequests } from '@/src/settings/helper-requests';
import { registerKeptRequests } from '@/src/helper-kept/kept-api';
import { registerProofsWorker } from '@/src/proofs/proofs-worker';
import { registerI18nCatalogs } from '@/src/i18n/i18n';

export default defineBackground(() => {
  // Each capability registers its listeners synchronously here, so a restarted service worker hears every event.
  registerPageFactsWorker();
  registerArchiveWorker();
  registerBundleWorker();
  registerExpiryWorker();
  registerHelperRequests();
  registerKeptRequests();
  registerProofsWorker();
  registerI18nCatalogs();
});
