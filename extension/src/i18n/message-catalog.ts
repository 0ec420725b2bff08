// Chrome's messages.json format, resolved without chrome.i18n: needed to show a language other than the browser's
// (the user's override). Same rules as chrome.i18n.getMessage: $1..$9 substitutions, $name$ placeholders, $$ for
// a dollar; plus @wxt-dev/i18n's "one | many" plural forms.
import type { Language } from '../../../shared/ebox/model.ts';
import { LANGUAGES } from '../../../shared/ebox/model.ts';

export interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

/** A content script may not read the extension's _locales: the service worker reads a language's for it. */
export interface I18nApi {
  'i18n.catalog': (p: { language: Language }) => Catalog;
}

export type Substitution = string | number;

export function formatEntry(entry: CatalogEntry, substitutions: readonly Substitution[] = []): string {
  let text = entry.message;
  if (entry.placeholders) {
    for (const [name, { content }] of Object.entries(entry.placeholders)) {
      text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), content);
    }
  }
  return text.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : String(substitutions[Number(what) - 1] ?? '')));
}

/** Picks the plural form for `n` in a "one | many" or "zero | one | many" message, as @wxt-dev/i18n does. */
export function pluralForm(message: string, n: number): string {
  const forms = message.split(' | ');
  if (forms.length === 2) return forms[n === 1 ? 0 : 1]!;
  if (forms.length === 3) return forms[n === 0 || n === 1 ? n : 2]!;
  return message;
}

/** The extension's language for a browser UI locale such as "fr", "nl_BE" or "en-US"; English otherwise. */
export function languageOfLocale(locale: string): Language {
  const prefix = locale.slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(prefix) ? (prefix as Language) : 'en';
}

/** BCP 47 tag for dates and numbers: Belgian conventions in the three national languages. */
export function intlLocaleOf(language: Language): string {
  return language === 'en' ? 'en-GB' : `${language}-BE`;
}
