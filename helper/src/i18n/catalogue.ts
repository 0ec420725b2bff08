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

/** What the helper and its CLI tell people, beyond the receipt PDF's own labels (receipts/pdf-labels.ts). */
export interface HelperMessages {
  noTsa: string;
  tsaUnreachable: (url: string, detail: string) => string;
  verdict: Record<'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE', string>;
  contents: (messages: number, files: number, mb: string) => string;
  signedBy: string;
  fingerprint: (sha256: string, pinned: boolean) => string;
  signedAt: string;
  noTimestamp: string;
  passed: string;
  nothing: string;
  noProof: (count: number, shown: string) => string;
  andMore: (n: number) => string;
  untrustedSigner: (sha256: string) => string;
  developmentSigner: string;
  wrote: (path: string, messages: number, files: number, mb: string) => string;
  exportFailed: (detail: string) => string;
  /** A bundle check's status, as verify-bundle lists its problems. */
  checkStatus: Record<'passed' | 'failed' | 'indeterminate' | 'warning', string>;
  /** verify-store */
  storeVerdict: (ok: boolean, dir: string) => string;
  storeCounts: (entries: number, checkpoints: number, stamped: number, pdfs: number, blobs: number) => string;
  storeTree: (size: number, root: string) => string;
  storeSince: (fromSize: number, verdict: 'grew' | 'unchanged' | 'shrank' | 'rewritten', toSize: number) => string;
  storeUncheckpointed: (entries: number) => string;
  storeProblem: string;
  storeCheckedIn: (ms: number) => string;
  noStore: (dir: string) => string;
}

const MESSAGES: Record<Language, HelperMessages> = {
  en: {
    noTsa: 'Evidence bundles carry a time-stamp (CAdES-B-T) and no time-stamping authority is set. Start the helper with --tsa-url URL (or set EBOX_KEEPER_TSA_URL) to a qualified time-stamping service listed as qualified (QTST) on a national trusted list.',
    tsaUnreachable: (url, detail) => `The time-stamping authority ${url} did not answer (${detail}), so no bundle was made and nothing was lost. Check this computer's internet connection and proxy and try again in a few minutes; if it still does not answer, choose another qualified time-stamping service: ebox-keeper start --tsa-url URL (or EBOX_KEEPER_TSA_URL).`,
    verdict: { TOTAL_PASSED: 'TOTAL_PASSED', TOTAL_FAILED: 'TOTAL_FAILED', INDETERMINATE: 'INDETERMINATE' },
    contents: (m, f, mb) => `contents   ${m} messages, ${f} signed files, ${mb} MB`,
    signedBy: 'signed by ',
    fingerprint: (sha, pinned) => `certificate SHA-256 ${sha} (${pinned ? 'pinned with --trust' : 'NOT pinned'})`,
    signedAt: 'signed at ',
    noTimestamp: 'no signature time-stamp',
    passed: 'passed    ',
    nothing: 'nothing',
    noProof: (n, shown) => `no proof   ${n} message(s) with no receipt and no QERDS evidence (metadata and documents only): ${shown}`,
    andMore: (n) => `, and ${n} more`,
    untrustedSigner: (sha) => `signer not trusted (no certificate pinned): compare the certificate SHA-256 ${sha} with the company's, then pass --trust`,
    developmentSigner: 'signed by a development identity generated by the helper, not by a company certificate: not legally valid',
    wrote: (p, m, f, mb) => `wrote ${p}: ${m} messages, ${f} files, ${mb} MB`,
    exportFailed: (d) => `export failed, no bundle written: ${d}`,
    checkStatus: { passed: 'PASSED', failed: 'FAILED', indeterminate: 'INDETERMINATE', warning: 'WARNING' },
    storeVerdict: (ok, dir) => `${ok ? 'OK' : 'FAILED'}: ${dir}`,
    storeCounts: (e, c, t, p, b) => `${e} entries, ${c} checkpoints (${t} time-stamped), ${p} PDFs, ${b} blobs`,
    storeTree: (n, root) => `tree size ${n}, root ${root}`,
    storeSince: (from, v, to) => `since the checkpoint of ${from} entries: ${v === 'grew' ? `grew to ${to} (consistency proven)` : v === 'unchanged' ? 'unchanged' : v === 'shrank' ? 'SHRANK' : 'REWRITTEN'}`,
    storeUncheckpointed: (n) => `${n} entries after the last checkpoint (never acknowledged)`,
    storeProblem: 'PROBLEM',
    storeCheckedIn: (ms) => `checked in ${ms} ms`,
    noStore: (dir) => `there is no proof store in ${dir} (wrong --data-dir?)`,
  },
  fr: {
    noTsa: 'Les dossiers de preuves portent un horodatage (CAdES-B-T) et aucune autorité d\'horodatage n\'est configurée. Démarrez l\'assistant avec --tsa-url URL (ou EBOX_KEEPER_TSA_URL) vers un service d\'horodatage qualifié reconnu comme qualifié (QTST) sur une liste de confiance nationale.',
    tsaUnreachable: (url, detail) => `L'autorité d'horodatage ${url} n'a pas répondu (${detail}) : aucun dossier n'a été créé et rien n'est perdu. Vérifiez la connexion Internet et le proxy de cet ordinateur et réessayez dans quelques minutes ; si elle ne répond toujours pas, choisissez un autre service d'horodatage qualifié : ebox-keeper start --tsa-url URL (ou EBOX_KEEPER_TSA_URL).`,
    verdict: { TOTAL_PASSED: 'TOTAL_PASSED (tout est vérifié)', TOTAL_FAILED: 'TOTAL_FAILED (échec)', INDETERMINATE: 'INDETERMINATE (indéterminé)' },
    contents: (m, f, mb) => `contenu    ${m} messages, ${f} fichiers signés, ${mb} Mo`,
    signedBy: 'signé par  ',
    fingerprint: (sha, pinned) => `certificat SHA-256 ${sha} (${pinned ? 'épinglé avec --trust' : 'NON épinglé'})`,
    signedAt: 'signé le   ',
    noTimestamp: 'pas d\'horodatage de la signature',
    passed: 'réussi    ',
    nothing: 'rien',
    noProof: (n, shown) => `sans preuve ${n} message(s) sans accusé ni preuve QERDS (métadonnées et documents seulement) : ${shown}`,
    andMore: (n) => ` et ${n} autres`,
    untrustedSigner: (sha) => `signataire non reconnu (aucun certificat épinglé) : comparez le certificat SHA-256 ${sha} avec celui de l'entreprise, puis utilisez --trust`,
    developmentSigner: 'signé par une identité de développement générée par l\'assistant, pas par un certificat d\'entreprise : sans valeur légale',
    wrote: (p, m, f, mb) => `écrit ${p} : ${m} messages, ${f} fichiers, ${mb} Mo`,
    exportFailed: (d) => `l'export a échoué, aucun dossier écrit : ${d}`,
    checkStatus: { passed: 'RÉUSSI', failed: 'ÉCHEC', indeterminate: 'INDÉTERMINÉ', warning: 'AVERTISSEMENT' },
    storeVerdict: (ok, dir) => `${ok ? 'INTACT' : 'ÉCHEC'} : ${dir}`,
    storeCounts: (e, c, t, p, b) => `${e} entrées, ${c} points de contrôle (${t} horodatés), ${p} PDF, ${b} fichiers conservés`,
    storeTree: (n, root) => `taille de l'arbre ${n}, racine ${root}`,
    storeSince: (from, v, to) => `depuis le point de contrôle de ${from} entrées : ${v === 'grew' ? `a grandi jusqu'à ${to} (cohérence prouvée)` : v === 'unchanged' ? 'inchangé' : v === 'shrank' ? 'A RÉTRÉCI' : 'RÉÉCRIT'}`,
    storeUncheckpointed: (n) => `${n} entrées après le dernier point de contrôle (jamais accusées)`,
    storeProblem: 'PROBLÈME',
    storeCheckedIn: (ms) => `vérifié en ${ms} ms`,
    noStore: (dir) => `il n'y a pas de registre de preuves dans ${dir} (mauvais --data-dir ?)`,
  },
  nl: {
    noTsa: 'Bewijsbundels dragen een tijdstempel (CAdES-B-T) en er is geen tijdstempeldienst ingesteld. Start de helper met --tsa-url URL (of EBOX_KEEPER_TSA_URL) naar een gekwalificeerde tijdstempeldienst die als gekwalificeerd (QTST) op een nationale vertrouwenslijst staat.',
    tsaUnreachable: (url, detail) => `De tijdstempeldienst ${url} antwoordde niet (${detail}): er werd geen bundel gemaakt en er ging niets verloren. Controleer de internetverbinding en proxy van deze computer en probeer het over enkele minuten opnieuw; antwoordt hij nog steeds niet, kies dan een andere gekwalificeerde tijdstempeldienst: ebox-keeper start --tsa-url URL (of EBOX_KEEPER_TSA_URL).`,
    verdict: { TOTAL_PASSED: 'TOTAL_PASSED (alles gecontroleerd)', TOTAL_FAILED: 'TOTAL_FAILED (mislukt)', INDETERMINATE: 'INDETERMINATE (onbepaald)' },
    contents: (m, f, mb) => `inhoud     ${m} berichten, ${f} ondertekende bestanden, ${mb} MB`,
    signedBy: 'getekend door ',
    fingerprint: (sha, pinned) => `certificaat SHA-256 ${sha} (${pinned ? 'vastgepind met --trust' : 'NIET vastgepind'})`,
    signedAt: 'getekend op ',
    noTimestamp: 'geen tijdstempel op de handtekening',
    passed: 'geslaagd  ',
    nothing: 'niets',
    noProof: (n, shown) => `geen bewijs ${n} bericht(en) zonder ontvangstbewijs of QERDS-bewijs (alleen metadata en documenten): ${shown}`,
    andMore: (n) => ` en nog ${n}`,
    untrustedSigner: (sha) => `ondertekenaar niet vertrouwd (geen certificaat vastgepind): vergelijk het certificaat SHA-256 ${sha} met dat van de onderneming en gebruik dan --trust`,
    developmentSigner: 'ondertekend met een ontwikkelingsidentiteit die de helper aanmaakte, niet met een bedrijfscertificaat: niet rechtsgeldig',
    wrote: (p, m, f, mb) => `${p} geschreven: ${m} berichten, ${f} bestanden, ${mb} MB`,
    exportFailed: (d) => `export mislukt, geen bundel geschreven: ${d}`,
    checkStatus: { passed: 'GESLAAGD', failed: 'MISLUKT', indeterminate: 'ONBEPAALD', warning: 'WAARSCHUWING' },
    storeVerdict: (ok, dir) => `${ok ? 'INTACT' : 'MISLUKT'}: ${dir}`,
    storeCounts: (e, c, t, p, b) => `${e} items, ${c} controlepunten (${t} met tijdstempel), ${p} pdf's, ${b} bewaarde bestanden`,
    storeTree: (n, root) => `boomgrootte ${n}, wortel ${root}`,
    storeSince: (from, v, to) => `sinds het controlepunt van ${from} items: ${v === 'grew' ? `gegroeid tot ${to} (consistentie bewezen)` : v === 'unchanged' ? 'ongewijzigd' : v === 'shrank' ? 'GESLONKEN' : 'HERSCHREVEN'}`,
    storeUncheckpointed: (n) => `${n} items na het laatste controlepunt (nooit bevestigd)`,
    storeProblem: 'PROBLEEM',
    storeCheckedIn: (ms) => `gecontroleerd in ${ms} ms`,
    noStore: (dir) => `er is geen bewijsregister in ${dir} (verkeerde --data-dir?)`,
  },
  de: {
    noTsa: 'Beweisbündel tragen einen Zeitstempel (CAdES-B-T), und es ist kein Zeitstempeldienst eingestellt. Starten Sie den Helfer mit --tsa-url URL (oder EBOX_KEEPER_TSA_URL) mit einem qualifizierten Zeitstempeldienst, der auf einer nationalen Vertrauensliste als qualifiziert (QTST) geführt wird.',
    tsaUnreachable: (url, detail) => `Der Zeitstempeldienst ${url} hat nicht geantwortet (${detail}): Es wurde kein Bündel erstellt, und nichts ging verloren. Prüfen Sie die Internetverbindung und den Proxy dieses Computers und versuchen Sie es in einigen Minuten erneut; antwortet er weiterhin nicht, wählen Sie einen anderen qualifizierten Zeitstempeldienst: ebox-keeper start --tsa-url URL (oder EBOX_KEEPER_TSA_URL).`,
    verdict: { TOTAL_PASSED: 'TOTAL_PASSED (alles geprüft)', TOTAL_FAILED: 'TOTAL_FAILED (fehlgeschlagen)', INDETERMINATE: 'INDETERMINATE (unbestimmt)' },
    contents: (m, f, mb) => `Inhalt     ${m} Nachrichten, ${f} signierte Dateien, ${mb} MB`,
    signedBy: 'signiert von ',
    fingerprint: (sha, pinned) => `Zertifikat SHA-256 ${sha} (${pinned ? 'mit --trust festgelegt' : 'NICHT festgelegt'})`,
    signedAt: 'signiert am ',
    noTimestamp: 'kein Zeitstempel der Signatur',
    passed: 'bestanden ',
    nothing: 'nichts',
    noProof: (n, shown) => `ohne Nachweis ${n} Nachricht(en) ohne Bestätigung und ohne QERDS-Nachweis (nur Metadaten und Dokumente): ${shown}`,
    andMore: (n) => ` und ${n} weitere`,
    untrustedSigner: (sha) => `Unterzeichner nicht vertrauenswürdig (kein Zertifikat festgelegt): Vergleichen Sie das Zertifikat SHA-256 ${sha} mit dem des Unternehmens und verwenden Sie dann --trust`,
    developmentSigner: 'mit einer vom Helfer erzeugten Entwicklungsidentität signiert, nicht mit einem Unternehmenszertifikat: nicht rechtsgültig',
    wrote: (p, m, f, mb) => `${p} geschrieben: ${m} Nachrichten, ${f} Dateien, ${mb} MB`,
    exportFailed: (d) => `Export fehlgeschlagen, kein Bündel geschrieben: ${d}`,
    checkStatus: { passed: 'BESTANDEN', failed: 'FEHLGESCHLAGEN', indeterminate: 'UNBESTIMMT', warning: 'WARNUNG' },
    storeVerdict: (ok, dir) => `${ok ? 'INTAKT' : 'FEHLGESCHLAGEN'}: ${dir}`,
    storeCounts: (e, c, t, p, b) => `${e} Einträge, ${c} Prüfpunkte (${t} mit Zeitstempel), ${p} PDFs, ${b} aufbewahrte Dateien`,
    storeTree: (n, root) => `Baumgröße ${n}, Wurzel ${root}`,
    storeSince: (from, v, to) => `seit dem Prüfpunkt mit ${from} Einträgen: ${v === 'grew' ? `auf ${to} gewachsen (Konsistenz bewiesen)` : v === 'unchanged' ? 'unverändert' : v === 'shrank' ? 'GESCHRUMPFT' : 'UMGESCHRIEBEN'}`,
    storeUncheckpointed: (n) => `${n} Einträge nach dem letzten Prüfpunkt (nie bestätigt)`,
    storeProblem: 'PROBLEM',
    storeCheckedIn: (ms) => `geprüft in ${ms} ms`,
    noStore: (dir) => `in ${dir} gibt es keinen Nachweisspeicher (falsches --data-dir?)`,
  },
};

export function messages(language: Language): HelperMessages {
  return MESSAGES[language];
}
