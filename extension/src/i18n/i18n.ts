// The one translation function of the whole extension. It follows the browser's language (chrome.i18n) unless the
// user chose another one in the options: then it reads that language's _locales/<lang>/messages.json itself
// (a content script through the service worker).
// Call `await initI18n()` once per context (page, service worker) before the first `t`; it also follows later
// changes of the setting.
import { browser } from 'wxt/browser';
import type { GeneratedI18nStructure } from '#i18n';
import { LANGUAGES, type Language } from '../../../shared/ebox/model.ts';
import { z } from 'zod';
import { callWorker } from '../messaging/client.ts';
import { serve } from '../messaging/server.ts';
import { loadSettings, watchSettings } from '../settings/settings-store.ts';
import type { LanguageChoice } from '../settings/settings-schema.ts';
import { formatEntry, intlLocaleOf, languageOfLocale, pluralForm, type Catalog, type Substitution } from './message-catalog.ts';

export type I18nKey = Exclude<keyof GeneratedI18nStructure, `@@${string}`>;

let override: { language: Language; catalog: Catalog } | null = null;
let stopWatching: (() => void) | null = null;

async function fetchCatalog(language: Language): Promise<Catalog> {
  // _locales is not a WXT public path, hence the cast.
  const response = await fetch(browser.runtime.getURL(`/_locales/${language}/messages.json` as '/'));
  if (!response.ok) throw new Error(`no messages for ${language} (${response.status})`);
  return (await response.json()) as Catalog;
}

/** True in extension pages and the service worker; false in a content script (it runs in the e-Box's origin). */
function inExtensionOrigin(): boolean {
  return globalThis.location?.origin === new URL(browser.runtime.getURL('/')).origin;
}

/**
 * A content script may not fetch the extension's _locales (they are not web-accessible, and need not be): it asks
 * the service worker, which reads them for it.
 */
async function loadCatalog(language: Language): Promise<Catalog> {
  if (inExtensionOrigin()) return fetchCatalog(language);
  return callWorker('i18n.catalog', { language });
}

/** Service worker: serves the catalogues to content scripts. Registered once from background.ts. */
export function registerI18nCatalogs(): void {
  serve({ 'i18n.catalog': ({ language }) => fetchCatalog(language) }, { 'i18n.catalog': z.object({ language: z.enum(LANGUAGES) }) });
}

let applied: LanguageChoice | null = null;
/** The user's setting, as last read: "auto" is applied again when the page's language changes. */
let setting: LanguageChoice = 'auto';
/** Where the choice "auto" follows the page rather than the browser (the overlay on the e-Box). */
let autoLanguage: (() => Language | undefined) | null = null;

/**
 * The language an e-Box page shows: the app's own (PageFacts.language, from the adapter) when known, else the
 * document's lang attribute (fr, nl, de; en for the English login pages); undefined when the page does not say.
 */
export function pageLanguage(documentLang: string, factsLanguage?: Language): Language | undefined {
  if (factsLanguage) return factsLanguage;
  return documentLang.trim() ? languageOfLocale(documentLang.trim()) : undefined;
}

/** Returns whether the language changed. */
async function apply(setting: LanguageChoice): Promise<boolean> {
  // "Same as the browser" means, on an e-Box page, the language that page shows.
  const choice: LanguageChoice = setting === 'auto' ? (autoLanguage?.() ?? 'auto') : setting;
  if (choice === applied) return false;
  applied = choice;
  if (choice === 'auto' || choice === browserLanguage()) {
    override = null;
    return true;
  }
  let next: typeof override = null;
  try {
    next = { language: choice, catalog: await loadCatalog(choice) };
  } catch (error) {
    // Showing the browser's language is better than showing nothing.
    console.error('[i18n] language override unavailable', error);
  }
  // Switched again while loading: the later choice wins, whichever load finishes last.
  if (applied !== choice) return false;
  override = next;
  return true;
}

/**
 * Loads the language override, if any, and keeps following it: `onChange` runs after each later switch. A context
 * calls it once; a second call replaces the first one's watcher. `autoLanguage` (content scripts): the language
 * the setting "auto" stands for, the page's (see pageLanguage), when it says one.
 */
export async function initI18n(onChange?: () => void, options: { autoLanguage?: () => Language | undefined } = {}): Promise<void> {
  stopWatching?.();
  autoLanguage = options.autoLanguage ?? null;
  stopWatching = watchSettings((settings) => {
    setting = settings.language;
    void apply(setting).then((changed) => changed && onChange?.());
  });
  applied = null;
  setting = (await loadSettings()).language;
  await apply(setting);
}

/**
 * The page may have switched its language without a reload (its lang attribute, route or qlang): applies the
 * setting again, so that "auto" follows it. Returns whether the language changed; `onChange` is not called.
 */
export function followPageLanguage(): Promise<boolean> {
  return apply(setting);
}

function browserLanguage(): Language {
  return languageOfLocale(browser.i18n.getUILanguage());
}

/** The language the extension currently speaks. */
export function currentLanguage(): Language {
  return override?.language ?? languageOfLocale(browser.i18n.getMessage('@@ui_locale') || browser.i18n.getUILanguage());
}

/** For Intl date and number formatting in the current language. */
export function currentIntlLocale(): string {
  return intlLocaleOf(currentLanguage());
}

export function t(key: I18nKey, ...substitutions: Substitution[]): string {
  // Keys of nested locale groups are typed "group.key"; messages.json names them "group_key".
  const name = key.replaceAll('.', '_');
  const entry = override?.catalog[name];
  if (entry) return formatEntry(entry, substitutions);
  // chrome.i18n's typed overloads list only the predefined @@ keys; ours are checked by I18nKey above.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const message = getMessage(name, substitutions.map(String));
  if (!message) console.warn(`[i18n] missing message ${key}`);
  return message || key;
}

/** A message with "one | many" forms; `n` is also $1. */
export function tn(key: I18nKey, n: number, ...substitutions: Substitution[]): string {
  return pluralForm(t(key, n, ...substitutions), n);
}
