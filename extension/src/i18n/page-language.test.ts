// On an e-Box page, "same as the browser" means the language the page shows: a French e-Box gets a French overlay
// in an English browser, unless the user chose a language in the options.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveSettings } from '../settings/settings-store.ts';
import { currentLanguage, followPageLanguage, initI18n, pageLanguage, t } from './i18n.ts';
import { catalogFromLocaleFile, installFakeI18n } from './test-i18n.ts';

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
  vi.stubGlobal('location', new URL(`chrome-extension://${fakeBrowser.runtime.id}/options.html`));
  vi.stubGlobal('fetch', async (url: string) => {
    const lang = /_locales\/(\w+)\/messages\.json$/.exec(url)?.[1];
    if (lang !== 'fr' && lang !== 'nl' && lang !== 'de' && lang !== 'en') return new Response('', { status: 404 });
    return Response.json(catalogFromLocaleFile(lang));
  });
});

describe('pageLanguage', () => {
  it("takes the app's own language first, then the document's lang; nothing when the page says nothing", () => {
    expect(pageLanguage('fr', 'nl')).toBe('nl');
    expect(pageLanguage('fr-BE')).toBe('fr');
    expect(pageLanguage('DE')).toBe('de');
    expect(pageLanguage('en')).toBe('en');
    expect(pageLanguage('')).toBeUndefined();
  });
});

describe('the overlay language', () => {
  it("follows a French page in an English browser, the user's choice over it, and the page again on auto", async () => {
    await initI18n(undefined, { autoLanguage: () => pageLanguage('fr') });
    expect(currentLanguage()).toBe('fr');
    expect(t('overlay_file')).toBe('Classer');
    await saveSettings({ language: 'nl' });
    await vi.waitFor(() => expect(currentLanguage()).toBe('nl'));
    await saveSettings({ language: 'auto' });
    await vi.waitFor(() => expect(currentLanguage()).toBe('fr'));
  });

  it('follows the browser where the page does not say its language', async () => {
    await initI18n(undefined, { autoLanguage: () => pageLanguage('') });
    expect(currentLanguage()).toBe('en');
    expect(t('overlay_file')).toBe('File');
  });

  it('follows the page when it switches language without a reload, but not over the user\'s choice', async () => {
    let shown = 'fr';
    let redrawn = 0;
    await initI18n(() => redrawn++, { autoLanguage: () => pageLanguage(shown) });
    expect(await followPageLanguage()).toBe(false); // nothing changed
    shown = 'de';
    expect(await followPageLanguage()).toBe(true);
    expect(currentLanguage()).toBe('de');
    expect(t('overlay_file')).toBe('Ablegen');
    shown = 'en'; // an English login page: the browser's own language, no catalogue needed
    expect(await followPageLanguage()).toBe(true);
    expect(t('overlay_file')).toBe('File');
    await saveSettings({ language: 'nl' });
    await vi.waitFor(() => expect(currentLanguage()).toBe('nl'));
    shown = 'fr';
    expect(await followPageLanguage()).toBe(false);
    expect(currentLanguage()).toBe('nl');
    // Only the settings' switch called the context back: a page's switch is the caller's to redraw.
    expect(redrawn).toBe(1);
  });
});
