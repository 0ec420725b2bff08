import { appMatches } from '@/src/ebox-adapter/origins';

export default defineContentScript({
  matches: appMatches(import.meta.env.WXT_EBOX_SANDBOX === '1'),
  main() {
    document.documentElement.dataset.eboxKeeper = 'ready';
  },
});
