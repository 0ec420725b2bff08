import { registerArchiveWorker } from '@/src/archive/worker';
import { registerExpiryWorker } from '@/src/expiry/expiry-worker';
import { registerHelperRequests } from '@/src/settings/helper-requests';

export default defineBackground(() => {
  // Each capability registers its listeners synchronously here, so a restarted service worker hears every event.
  registerArchiveWorker();
  registerExpiryWorker();
  registerHelperRequests();
});
