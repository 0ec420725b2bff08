import { appMatches } from '@/src/ebox-adapter/origins';
import { installRegistryCapture } from '@/src/ebox-adapter/registry-capture';

// In the page's own JavaScript world, before the app's scripts: observes the app's Message Registry calls.
export default defineContentScript({
  matches: appMatches(import.meta.env.WXT_EBOX_SANDBOX === '1'),
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    installRegistryCapture();
  },
});
