import { appMatches } from '@/src/ebox-adapter/origins';
import { languageOfUrl } from '@/src/ebox-adapter/page-facts-reducer';
import { followPageLanguage, initI18n, pageLanguage } from '@/src/i18n/i18n';
import { manageFeatures } from '@/src/overlay/feature-manager';
import { FEATURES } from '@/src/overlay/features/index';
import { configureFilingPopover } from '@/src/overlay/features/filing-popover';
import { startRegistrySync } from '@/src/overlay/features/registry-sync';
import { createOverlayStore } from '@/src/overlay/overlay-store';
import { loadSettings } from '@/src/settings/settings-store';

export default defineContentScript({
  matches: appMatches(import.meta.env.WXT_EBOX_SANDBOX === '1'),
  // From the start, so no registry answer the main-world capture relays is missed.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const html = document.documentElement;
    // Guard against a second injection (extension reloaded into an open tab).
    if (html.dataset.eboxKeeper === 'ready') return;
    html.dataset.eboxKeeper = 'ready';
    const store = createOverlayStore();
    startRegistrySync(store, ctx.signal);
    configureFilingPopover(store);
    // The overlay speaks the language the e-Box shows (its document language, else its route or qlang), unless the
    // user chose one in the options; a switch of either draws the overlay again.
    let redraw = () => {};
    await initI18n(() => redraw(), { autoLanguage: () => pageLanguage(html.lang) ?? languageOfUrl(location.href) });
    if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    // Switched off, nothing is added to the page: the side panel has it all, and openings are acknowledged anyway.
    if (!(await loadSettings()).showOnPage) return;
    manageFeatures(
      FEATURES,
      { store, document, wxt: ctx },
      (run) => {
        redraw = run;
        // The app switches language without a reload: it sets <html lang>, or navigates to another language's route.
        const languageSwitched = new MutationObserver(() => void followPageLanguage().then((changed) => changed && run()));
        languageSwitched.observe(html, { attributes: true, attributeFilter: ['lang'] });
        ctx.signal.addEventListener('abort', () => languageSwitched.disconnect());
        ctx.addEventListener(window, 'wxt:locationchange', () => void followPageLanguage().then(run));
      },
      ctx.signal,
    );
  },
});
