// report.pdf's words (helper/src/bundle/report-pdf.ts) in the four languages of e-Box users.
import type { Language } from '../../../shared/ebox/model.ts';
import type { RegisteredKind } from '../../../shared/ebox/model.ts';

export type ReportStatusWord = 'passed' | 'failed' | 'indeterminate';

export interface ReportWords {
  title: string;
  company: string;
  notGiven: string;
  companiesOf: (count: number) => string;
  none: string;
  selection: string;
  created: string;
  signedBy: string;
  summary: (messages: number, documents: number, acknowledgements: number, evidences: number) => string;
  unproven: (count: number) => string;
  howToCheck: string;
  verificationStatus: string;
  verified: string;
  noProof: string;
  status: Record<ReportStatusWord, string>;
  kindOfMail: string;
  kind: Record<RegisteredKind, string>;
  topSenders: string;
  perMonth: string;
  contents: string;
  contentsLegend: string;
  messages: string;
  detailsOfLarge: (messages: number, detailed: number) => string;
  noSubject: string;
  verification: string;
  badge: { failed: string; indeterminate: string; verified: string; noProof: string };
  sender: string;
  received: string;
  expires: string;
  messageId: string;
  acknowledged: string;
  notAcknowledged: string;
  at: string;
  proofs: string;
  onlyMetadata: string;
  document: string;
  qerdsEvidence: string;
}

const WORDS: Record<Language, ReportWords> = {
  en: {
    title: 'e-Box Keeper evidence bundle',
    company: 'Company',
    notGiven: '(not given)',
    companiesOf: (n) => (n === 1 ? 'Company of the messages' : `Companies of the messages (${n})`),
    none: '(none)',
    selection: 'Selection',
    created: 'Created',
    signedBy: 'Signed by',
    summary: (m, d, a, e) => `${m} messages, ${d} documents, ${a} acknowledgements, ${e} QERDS evidences`,
    unproven: (n) => `${n} of them without receipt or QERDS evidence (metadata and documents only)`,
    howToCheck: 'How to check this bundle yourself: ebox-keeper verify-bundle <file> --trust <company certificate>, or any ASiC-E (ETSI EN 319 162-1) verifier; see docs/bundle-format.md.',
    verificationStatus: 'Verification status',
    verified: 'verified',
    noProof: 'no proof',
    status: { passed: 'passed', failed: 'failed', indeterminate: 'indeterminate' },
    kindOfMail: 'Kind of registered mail',
    kind: { simple: 'Simple', registered: 'Registered', qualified: 'Qualified (QERDS)' },
    topSenders: 'Top senders',
    perMonth: 'Messages per month of receipt',
    contents: 'Contents',
    contentsLegend: '#, received, sender, kind, verification / subject, acknowledged by and when',
    messages: 'Messages',
    detailsOfLarge: (m, d) => `${m} messages: details of the ${d} with a finding; the others' facts are in the contents and in each message.json.`,
    noSubject: '(no subject)',
    verification: 'Verification',
    badge: { failed: 'FAILED', indeterminate: 'INDETERMINATE', verified: 'VERIFIED', noProof: 'NO PROOF (documents and metadata only)' },
    sender: 'Sender',
    received: 'Received',
    expires: 'expires',
    messageId: 'Message id',
    acknowledged: 'Acknowledged',
    notAcknowledged: 'not acknowledged',
    at: 'at',
    proofs: 'Proofs',
    onlyMetadata: 'no receipt, no QERDS evidence: the bundle holds its metadata and documents only',
    document: 'Document',
    qerdsEvidence: 'QERDS evidence',
  },
  fr: {
    title: 'Dossier de preuves e-Box Keeper',
    company: 'Entreprise',
    notGiven: '(non précisée)',
    companiesOf: (n) => (n === 1 ? 'Entreprise des messages' : `Entreprises des messages (${n})`),
    none: '(aucune)',
    selection: 'Sélection',
    created: 'Créé le',
    signedBy: 'Signé par',
    summary: (m, d, a, e) => `${m} messages, ${d} documents, ${a} accusés de réception, ${e} preuves QERDS`,
    unproven: (n) => `dont ${n} sans accusé de réception ni preuve QERDS (métadonnées et documents seulement)`,
    howToCheck: 'Pour vérifier ce dossier vous-même : ebox-keeper verify-bundle <fichier> --trust <certificat de l\'entreprise>, ou tout vérificateur ASiC-E (ETSI EN 319 162-1) ; voir docs/bundle-format.md.',
    verificationStatus: 'État de la vérification',
    verified: 'vérifié',
    noProof: 'sans preuve',
    status: { passed: 'réussi', failed: 'échec', indeterminate: 'indéterminé' },
    kindOfMail: 'Type de recommandé',
    kind: { simple: 'Simple', registered: 'Recommandé', qualified: 'Recommandé qualifié (QERDS)' },
    topSenders: 'Principaux expéditeurs',
    perMonth: 'Messages par mois de réception',
    contents: 'Sommaire',
    contentsLegend: 'n°, reçu le, expéditeur, type, vérification / objet, accusé par qui et quand',
    messages: 'Messages',
    detailsOfLarge: (m, d) => `${m} messages : détail des ${d} qui ont une constatation ; les faits des autres sont dans le sommaire et dans chaque message.json.`,
    noSubject: '(sans objet)',
    verification: 'Vérification',
    badge: { failed: 'ÉCHEC', indeterminate: 'INDÉTERMINÉ', verified: 'VÉRIFIÉ', noProof: 'SANS PREUVE (documents et métadonnées seulement)' },
    sender: 'Expéditeur',
    received: 'Reçu le',
    expires: 'expire le',
    messageId: 'Identifiant du message',
    acknowledged: 'Accusé de réception',
    notAcknowledged: 'pas d\'accusé de réception',
    at: 'le',
    proofs: 'Preuves',
    onlyMetadata: 'ni accusé de réception ni preuve QERDS : le dossier ne contient que ses métadonnées et ses documents',
    document: 'Document',
    qerdsEvidence: 'Preuve QERDS',
  },
  nl: {
    title: 'e-Box Keeper-bewijsbundel',
    company: 'Onderneming',
    notGiven: '(niet opgegeven)',
    companiesOf: (n) => (n === 1 ? 'Onderneming van de berichten' : `Ondernemingen van de berichten (${n})`),
    none: '(geen)',
    selection: 'Selectie',
    created: 'Aangemaakt op',
    signedBy: 'Ondertekend door',
    summary: (m, d, a, e) => `${m} berichten, ${d} documenten, ${a} ontvangstbewijzen, ${e} QERDS-bewijzen`,
    unproven: (n) => `waarvan ${n} zonder ontvangstbewijs of QERDS-bewijs (alleen metadata en documenten)`,
    howToCheck: 'Deze bundel zelf controleren: ebox-keeper verify-bundle <bestand> --trust <certificaat van de onderneming>, of met elke ASiC-E-verificateur (ETSI EN 319 162-1); zie docs/bundle-format.md.',
    verificationStatus: 'Stand van de controle',
    verified: 'gecontroleerd',
    noProof: 'zonder bewijs',
    status: { passed: 'geslaagd', failed: 'mislukt', indeterminate: 'onbepaald' },
    kindOfMail: 'Soort aangetekende zending',
    kind: { simple: 'Gewoon', registered: 'Aangetekend', qualified: 'Gekwalificeerd aangetekend (QERDS)' },
    topSenders: 'Belangrijkste afzenders',
    perMonth: 'Berichten per maand van ontvangst',
    contents: 'Inhoud',
    contentsLegend: 'nr., ontvangen op, afzender, soort, controle / onderwerp, ontvangst bevestigd door wie en wanneer',
    messages: 'Berichten',
    detailsOfLarge: (m, d) => `${m} berichten: details van de ${d} met een bevinding; de gegevens van de andere staan in de inhoud en in elk message.json.`,
    noSubject: '(geen onderwerp)',
    verification: 'Controle',
    badge: { failed: 'MISLUKT', indeterminate: 'ONBEPAALD', verified: 'GECONTROLEERD', noProof: 'ZONDER BEWIJS (alleen documenten en metadata)' },
    sender: 'Afzender',
    received: 'Ontvangen op',
    expires: 'vervalt op',
    messageId: 'Bericht-id',
    acknowledged: 'Ontvangst bevestigd',
    notAcknowledged: 'geen ontvangstbewijs',
    at: 'op',
    proofs: 'Bewijzen',
    onlyMetadata: 'geen ontvangstbewijs, geen QERDS-bewijs: de bundel bevat alleen de metadata en de documenten',
    document: 'Document',
    qerdsEvidence: 'QERDS-bewijs',
  },
  de: {
    title: 'e-Box Keeper-Beweisbündel',
    company: 'Unternehmen',
    notGiven: '(nicht angegeben)',
    companiesOf: (n) => (n === 1 ? 'Unternehmen der Nachrichten' : `Unternehmen der Nachrichten (${n})`),
    none: '(keines)',
    selection: 'Auswahl',
    created: 'Erstellt am',
    signedBy: 'Signiert von',
    summary: (m, d, a, e) => `${m} Nachrichten, ${d} Dokumente, ${a} Empfangsbestätigungen, ${e} QERDS-Nachweise`,
    unproven: (n) => `davon ${n} ohne Empfangsbestätigung oder QERDS-Nachweis (nur Metadaten und Dokumente)`,
    howToCheck: 'Dieses Bündel selbst prüfen: ebox-keeper verify-bundle <Datei> --trust <Zertifikat des Unternehmens>, oder mit jedem ASiC-E-Prüfprogramm (ETSI EN 319 162-1); siehe docs/bundle-format.md.',
    verificationStatus: 'Stand der Prüfung',
    verified: 'geprüft',
    noProof: 'ohne Nachweis',
    status: { passed: 'bestanden', failed: 'fehlgeschlagen', indeterminate: 'unbestimmt' },
    kindOfMail: 'Art des Einschreibens',
    kind: { simple: 'Einfach', registered: 'Einschreiben', qualified: 'Qualifiziertes Einschreiben (QERDS)' },
    topSenders: 'Häufigste Absender',
    perMonth: 'Nachrichten pro Empfangsmonat',
    contents: 'Inhalt',
    contentsLegend: 'Nr., empfangen am, Absender, Art, Prüfung / Betreff, Empfang bestätigt von wem und wann',
    messages: 'Nachrichten',
    detailsOfLarge: (m, d) => `${m} Nachrichten: Einzelheiten der ${d} mit einem Befund; die Angaben der übrigen stehen im Inhalt und in jeder message.json.`,
    noSubject: '(kein Betreff)',
    verification: 'Prüfung',
    badge: { failed: 'FEHLGESCHLAGEN', indeterminate: 'UNBESTIMMT', verified: 'GEPRÜFT', noProof: 'OHNE NACHWEIS (nur Dokumente und Metadaten)' },
    sender: 'Absender',
    received: 'Empfangen am',
    expires: 'läuft ab am',
    messageId: 'Nachrichten-ID',
    acknowledged: 'Empfang bestätigt',
    notAcknowledged: 'keine Empfangsbestätigung',
    at: 'am',
    proofs: 'Nachweise',
    onlyMetadata: 'keine Empfangsbestätigung, kein QERDS-Nachweis: Das Bündel enthält nur Metadaten und Dokumente',
    document: 'Dokument',
    qerdsEvidence: 'QERDS-Nachweis',
  },
};

export function reportWords(language: Language): ReportWords {
  return WORDS[language];
}
