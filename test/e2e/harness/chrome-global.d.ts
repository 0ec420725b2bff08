// Code passed to page.evaluate / worker.evaluate runs in the browser, where the extension APIs are `chrome.*`.
import type { Browser } from '@wxt-dev/browser';

declare global {
  const chrome: typeof Browser;
}
