// For unit tests: chrome.i18n on the WXT fake browser (which has none), answering from the real locale files the
// build turns into _locales/*/messages.json, so tests see the texts users see.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Language } from '../../../shared/ebox/model.ts';
import { formatEntry, type Catalog } from './message-catalog.ts';

export function catalogFromLocaleFile(language: Language): Catalog {
  const raw = parse(readFileSync(new URL(`../../locales/${language}.yml`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const catalog: Catalog = {};
  for (const [key, value] of Object.entries(raw)) {
    // Plural forms ({1: ..., n: ...}) become "one | many", as @wxt-dev/i18n writes them.
    catalog[key] = { message: typeof value === 'string' ? value : Object.values(value as Record<string, string>).join(' | ') };
  }
  return catalog;
}

export function installFakeI18n(uiLanguage: Language = 'en'): void {
  const catalog = catalogFromLocaleFile(uiLanguage);
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getUILanguage = () => uiLanguage;
  i18n.getMessage = (key: string, substitutions?: string | string[]) => {
    if (key === '@@ui_locale') return uiLanguage;
    const entry = catalog[key];
    return entry ? formatEntry(entry, typeof substitutions === 'string' ? [substitutions] : (substitutions ?? [])) : '';
  };
}
