import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Request } from '../messaging/protocol.ts';
import { dispatch, resetServed } from '../messaging/server.ts';
import { saveSettings } from '../settings/settings-store.ts';
import { currentIntlLocale, currentLanguage, initI18n, registerI18nCatalogs, t, tn } from './i18n.ts';
import { catalogFromLocaleFile, installFakeI18n } from './test-i18n.ts';

describe('t() with the language override', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installFakeI18n('en');
    vi.stubGlobal('location', new URL(`chrome-extension://${fakeBrowser.runtime.id}/options.html`));
    // The packed extension serves _locales/<lang>/messages.json; here they come from the same locale files.
    vi.stubGlobal('fetch', async (url: string) => {
      const lang = /_locales\/(\w+)\/messages\.json$/.exec(url)?.[1];
      if (lang !== 'fr' && lang !== 'nl' && lang !== 'de' && lang !== 'en') return new Response('', { status: 404 });
      return Response.json(catalogFromLocaleFile(lang));
    });
  });

  it('follows the browser by default', async () => {
    await initI18n();
    expect(currentLanguage()).toBe('en');
    expect(t('popup_archive')).toBe('Archive');
    expect(tn('expiry_badgeTitle', 1, 14)).toBe('1 message not archived expires within 14 days');
  });

  it('switches to the chosen language, then back, as the setting changes', async () => {
    let switched = 0;
    await initI18n(() => switched++);
    await saveSettings({ language: 'fr' });
    await vi.waitFor(() => expect(currentLanguage()).toBe('fr'));
    expect(t('popup_archiveAllProgress', 2, 5)).toBe('Archivage de 2 sur 5…');
    expect(tn('expiry_badgeTitle', 3, 14)).toBe('3 messages non archivés expirent dans les 14 jours');
    expect(currentIntlLocale()).toBe('fr-BE');
    await saveSettings({ language: 'auto' });
    await vi.waitFor(() => expect(currentLanguage()).toBe('en'));
    expect(t('popup_archive')).toBe('Archive');
    expect(switched).toBeGreaterThanOrEqual(2);
  });

  it('in a content script, gets the chosen language from the service worker', async () => {
    vi.stubGlobal('location', new URL('https://app.eboxenterprise.be/inbox'));
    const fetches: string[] = [];
    const serve = globalThis.fetch;
    vi.stubGlobal('fetch', async (url: string) => {
      fetches.push(url);
      return serve(url);
    });
    resetServed();
    registerI18nCatalogs();
    // The fake browser's messages carry no sender: the worker's registry is reached directly.
    const asked = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message) => dispatch(message as unknown as Request, {}));
    await saveSettings({ language: 'de' });
    await initI18n();
    expect(currentLanguage()).toBe('de');
    expect(t('popup_archive')).toBe('Archivieren');
    // The content script asked the worker, which fetched the one catalogue.
    expect(asked).toHaveBeenCalledWith({ kind: 'ebox-keeper/call', method: 'i18n.catalog', params: { language: 'de' } });
    expect(fetches).toEqual([`chrome-extension://${fakeBrowser.runtime.id}/_locales/de/messages.json`]);
  });
});
