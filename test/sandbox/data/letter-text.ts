// The words of an official letter in the company's language: salutations, standard sentences, amounts, dates.
import type { Lang } from './catalogue.ts';

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE' };

/** WinAnsi has no narrow no-break space: the PDF's standard fonts would print '?' for it. */
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

// Intl formatters are costly to build: one per language, made once.
const EURO = Object.fromEntries(Object.entries(LOCALE).map(([l, loc]) => [l, new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR' })])) as Record<Lang, Intl.NumberFormat>;
const LONG_DATE = Object.fromEntries(
  Object.entries(LOCALE).map(([l, loc]) => [l, new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' })]),
) as Record<Lang, Intl.DateTimeFormat>;

export function formatEuro(amount: number, lang: Lang): string {
  return plainSpaces(EURO[lang].format(amount));
}

export function formatDate(date: Date, lang: Lang): string {
  return LONG_DATE[lang].format(date);
}

export interface LetterWords {
  place: string;
  ourReference: string;
  enterpriseNumber: string;
  attention: string;
  salutation: string;
  intro: (description: string) => string;
  availability: (expiry: string) => string;
  payment: (amount: string, iban: string, communication: string, due: string) => string;
  question: string;
  closing: string;
  amountExclVat: string;
  vat: string;
  total: string;
  explanations: string;
  proofOfDispatch: string;
  qerdsIntro: (provider: string, deadline: string) => string;
  qerdsAction: string;
  reference: string;
  period: string;
  amountDue: string;
}

export const WORDS: Record<Lang, LetterWords> = {
  fr: {
    place: 'Bruxelles',
    ourReference: 'Notre référence',
    enterpriseNumber: "Numéro d'entreprise",
    attention: "À l'attention de",
    salutation: 'Madame, Monsieur,',
    intro: (d) => `Nous vous adressons la présente communication : « ${d} ». Le détail figure ci-dessous et dans les annexes éventuelles.`,
    availability: (e) => `Ce document est mis à votre disposition dans votre e-Box Enterprise, où il restera consultable jusqu'au ${e}. Passé cette date, il sera supprimé automatiquement.`,
    payment: (a, i, c, d) => `Nous vous prions de verser le montant de ${a} sur le compte ${i} avec la communication structurée ${c}, au plus tard le ${d}.`,
    question: 'Pour toute question, veuillez mentionner la référence ci-dessus.',
    closing: "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    amountExclVat: 'Montant hors TVA',
    vat: 'TVA',
    total: 'Total à payer',
    explanations: 'Explications',
    proofOfDispatch: "Preuve d'envoi recommandé",
    qerdsIntro: (p, d) => `Un envoi recommandé électronique qualifié vous a été adressé via ${p}. Vous pouvez en prendre connaissance et l'accepter jusqu'au ${d}.`,
    qerdsAction: "Retirer l'envoi recommandé",
    reference: 'Référence',
    period: 'Période',
    amountDue: 'Montant dû',
  },
  nl: {
    place: 'Brussel',
    ourReference: 'Onze referentie',
    enterpriseNumber: 'Ondernemingsnummer',
    attention: 'Ter attentie van',
    salutation: 'Geachte mevrouw, geachte heer,',
    intro: (d) => `Hierbij bezorgen wij u de volgende mededeling: „${d}”. De details vindt u hieronder en in de eventuele bijlagen.`,
    availability: (e) => `Dit document staat in uw e-Box Enterprise en blijft er raadpleegbaar tot ${e}. Daarna wordt het automatisch verwijderd.`,
    payment: (a, i, c, d) => `Gelieve het bedrag van ${a} uiterlijk op ${d} over te schrijven op rekening ${i} met de gestructureerde mededeling ${c}.`,
    question: 'Vermeld bij elke vraag de bovenstaande referentie.',
    closing: 'Met vriendelijke groeten.',
    amountExclVat: 'Bedrag excl. btw',
    vat: 'Btw',
    total: 'Te betalen',
    explanations: 'Toelichting',
    proofOfDispatch: 'Bewijs van aangetekende verzending',
    qerdsIntro: (p, d) => `Er werd u via ${p} een gekwalificeerde elektronische aangetekende zending gestuurd. U kunt ze inkijken en aanvaarden tot ${d}.`,
    qerdsAction: 'Aangetekende zending afhalen',
    reference: 'Referentie',
    period: 'Periode',
    amountDue: 'Verschuldigd bedrag',
  },
  de: {
    place: 'Brüssel',
    ourReference: 'Unser Zeichen',
    enterpriseNumber: 'Unternehmensnummer',
    attention: 'Zu Händen von',
    salutation: 'Sehr geehrte Damen und Herren,',
    intro: (d) => `Mit diesem Schreiben übermitteln wir Ihnen folgende Mitteilung: „${d}“. Die Einzelheiten finden Sie unten und in den etwaigen Anlagen.`,
    availability: (e) => `Dieses Dokument steht in Ihrer e-Box Enterprise bereit und bleibt dort bis zum ${e} abrufbar. Danach wird es automatisch gelöscht.`,
    payment: (a, i, c, d) => `Bitte überweisen Sie den Betrag von ${a} spätestens am ${d} auf das Konto ${i} mit der strukturierten Mitteilung ${c}.`,
    question: 'Bitte geben Sie bei Rückfragen das obige Zeichen an.',
    closing: 'Mit freundlichen Grüßen',
    amountExclVat: 'Betrag ohne MwSt',
    vat: 'MwSt',
    total: 'Zu zahlen',
    explanations: 'Erläuterungen',
    proofOfDispatch: 'Nachweis des Einschreibens',
    qerdsIntro: (p, d) => `Ihnen wurde über ${p} eine qualifizierte elektronische Einschreiben-Zustellung gesendet. Sie können sie bis zum ${d} einsehen und annehmen.`,
    qerdsAction: 'Einschreiben abholen',
    reference: 'Referenz',
    period: 'Zeitraum',
    amountDue: 'Geschuldeter Betrag',
  },
};
