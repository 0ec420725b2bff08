// The helper's words for people, in the four languages of e-Box users: receipts, reports and the CLI take them
// from here. The language comes from the request, or for the CLI from --lang, else LANG/LC_ALL/LC_MESSAGES.
import { LANGUAGES, type Language } from '../../../shared/ebox/model.ts';
import { formatCbe } from '../../../shared/ebox/enterprise.ts';

export type { Language };

/** fr, nl, de or en from a value such as "nl_BE.UTF-8", "de-DE" or "fr"; English when none fits. */
export function languageFrom(...candidates: (string | undefined)[]): Language {
  for (const c of candidates) {
    const code = c?.toLowerCase().slice(0, 2);
    if (code && (LANGUAGES as readonly string[]).includes(code)) return code as Language;
  }
  return 'en';
}

/** The CLI's language: --lang, else the locale environment variables in POSIX order. */
export function cliLanguage(flag?: string, env: NodeJS.ProcessEnv = process.env): Language {
  return languageFrom(flag, env.LC_ALL, env.LC_MESSAGES, env.LANG);
}

interface Words {
  unknownPersonOf: (company: string) => string;
  unknownCompany: string;
  days: string;
}

const WORDS: Record<Language, Words> = {
  en: { unknownPersonOf: (c) => `unknown person of ${c}`, unknownCompany: 'company unknown', days: 'days' },
  fr: { unknownPersonOf: (c) => `personne inconnue de ${c}`, unknownCompany: 'entreprise inconnue', days: 'jours' },
  nl: { unknownPersonOf: (c) => `onbekende persoon van ${c}`, unknownCompany: 'onderneming onbekend', days: 'dagen' },
  de: { unknownPersonOf: (c) => `unbekannte Person von ${c}`, unknownCompany: 'Unternehmen unbekannt', days: 'Tage' },
};

/** "Brasserie Exemple SRL (0403.170.701)", or the words for a company not known. */
export function companyText(enterprise: { cbe: string; name?: string } | null | undefined, language: Language): string {
  if (!enterprise) return WORDS[language].unknownCompany;
  return enterprise.name ? `${enterprise.name} (${formatCbe(enterprise.cbe)})` : formatCbe(enterprise.cbe);
}

/** Who opened a message: the person when known, else an unknown person of the receipt's own company. */
export function openerText(
  receipt: { openedBy: { name?: string; email?: string; unknownPerson?: true }; enterprise?: { cbe: string; name?: string } | null },
  language: Language,
): string {
  const { name, email } = receipt.openedBy;
  if (name) return email ? `${name} <${email}>` : name;
  return WORDS[language].unknownPersonOf(companyText(receipt.enterprise, language));
}

const LOCALE: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' };
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', timeZoneName: 'longOffset' });

/** A time as Belgians read it: Brussels time in the language's format, with its UTC offset ("UTC+01:00"). */
export function brusselsTime(iso: string | Date, language: Language): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[language], {
      timeZone: 'Europe/Brussels',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(language, format);
  }
  const offset = /[+-]\d\d:\d\d/.exec(offsetFormat.format(at))?.[0] ?? '+00:00';
  return `${format.format(at)} (UTC${offset})`;
}

/** A delay in words: "3 min 20 s", "1 h 05 min", "2 jours 4 h 00 min". */
export function durationText(seconds: number, language: Language): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} ${WORDS[language].days} ${h} h ${String(min).padStart(2, '0')} min`;
  if (h > 0) return `${h} h ${String(min).padStart(2, '0')} min`;
  return min > 0 ? `${min} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}
