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
  const add = (prefix: string, entries: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(entries)) {
      const name = prefix ? `${prefix}_${key}` : key;
      if (typeof value === 'string') catalog[name] = { message: value };
      // Plural forms ({1: ..., n: ...}) become "one | many", as @wxt-dev/i18n writes them; other objects are groups.
      else if (Object.keys(value as object).every((k) => /^(\d+|n)$/.test(k))) catalog[name] = { message: Object.values(value as Record<string, string>).join(' | ') };
      else add(name, value as Record<string, unknown>);
    }
  };
  add('', raw);
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
