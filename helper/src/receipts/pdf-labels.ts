// The PDF receipt's words in the four languages of e-Box users.
import type { Language } from '../../../shared/ebox/model.ts';
import type { DigestCheck } from '../../../shared/digest.ts';

export interface PdfLabels {
  title: string;
  intro: string;
  developmentWarning: string;
  message: string;
  subject: string;
  sender: string;
  messageId: string;
  receivedInEbox: string;
  expires: string;
  kind: string;
  kinds: Record<'simple' | 'registered' | 'qualified', string>;
  openedAt: string;
  openedBy: string;
  acknowledgedAt: string;
  documents: string;
  digestCheck: Record<DigestCheck, string>;
  proof: string;
  receiptId: string;
  leafIndex: string;
  treeRoot: string;
  signer: string;
  verifyHint: string;
  company: string;
  openedVia: string;
  via: Record<'page' | 'job' | 'rule', string>;
  late: (duration: string) => string;
  lateReasons: Record<'helper-unreachable' | 'made-on-retrieval-by-sync' | 'queued-by-job' | 'not-stated', string>;
  attached: string;
}

export const PDF_LABELS: Record<Language, PdfLabels> = {
  en: {
    title: 'Acknowledgement of receipt',
    intro: 'This document records that the message below was received and opened. It is signed electronically (PAdES); the same data is kept as a signed JSON receipt in a tamper-evident log.',
    developmentWarning: 'DEVELOPMENT IDENTITY - NOT LEGALLY VALID: signed with the certificate the helper generated, not the company\'s.',
    message: 'Message',
    subject: 'Subject',
    sender: 'Sender (CBE number)',
    messageId: 'Message id',
    receivedInEbox: 'Received in the e-Box',
    expires: 'Deleted from the e-Box on',
    kind: 'Kind',
    kinds: { simple: 'Ordinary message', registered: 'Registered mail', qualified: 'Qualified registered mail' },
    openedAt: 'Opened at',
    openedBy: 'Opened by',
    acknowledgedAt: 'Acknowledged at',
    documents: 'Documents (SHA-256, base64url)',
    digestCheck: { match: 'matches the e-Box digest', mismatch: 'DIFFERS from the e-Box digest', 'no-ebox-digest': 'no e-Box digest published' },
    proof: 'Proof',
    receiptId: 'Receipt id',
    leafIndex: 'Log entry / log size at acknowledgement',
    treeRoot: 'Log root at acknowledgement (SHA-256, base64)',
    signer: 'Signed by',
    verifyHint: 'Check: openssl cms -verify -binary -inform DER -in receipt.p7s -content receipt.json -noverify (both attached here); ebox-keeper verify-store for the log.',
    company: 'Company (CBE number)',
    openedVia: 'Opened through',
    via: { page: 'the e-Box page', job: 'a bulk archiving job', rule: 'an archiving rule' },
    late: (d) => `Acknowledged ${d} after the opening, because:`,
    lateReasons: { 'helper-unreachable': 'the helper did not answer at the opening', 'made-on-retrieval-by-sync': 'the opening was found when the archive synchronised', 'queued-by-job': 'a job or rule queued the acknowledgement', 'not-stated': 'no reason was given' },
    attached: 'Attached to this PDF: the signed receipt (JSON, canonical) and its CMS signature (.p7s).',
  },
  fr: {
    title: 'Accusé de réception',
    intro: 'Ce document atteste que le message ci-dessous a été reçu et ouvert. Il est signé électroniquement (PAdES) ; les mêmes données sont conservées dans un accusé JSON signé, inscrit dans un journal infalsifiable.',
    developmentWarning: 'IDENTITÉ DE DÉVELOPPEMENT - SANS VALEUR LÉGALE : signé avec le certificat généré par l\'assistant, pas celui de l\'entreprise.',
    message: 'Message',
    subject: 'Objet',
    sender: 'Expéditeur (numéro BCE)',
    messageId: 'Identifiant du message',
    receivedInEbox: 'Reçu dans l\'e-Box le',
    expires: 'Supprimé de l\'e-Box le',
    kind: 'Type',
    kinds: { simple: 'Message ordinaire', registered: 'Envoi recommandé', qualified: 'Envoi recommandé qualifié' },
    openedAt: 'Ouvert le',
    openedBy: 'Ouvert par',
    acknowledgedAt: 'Accusé le',
    documents: 'Documents (SHA-256, base64url)',
    digestCheck: { match: 'conforme à l\'empreinte de l\'e-Box', mismatch: 'DIFFÉRENT de l\'empreinte de l\'e-Box', 'no-ebox-digest': 'pas d\'empreinte publiée par l\'e-Box' },
    proof: 'Preuve',
    receiptId: 'Identifiant de l\'accusé',
    leafIndex: 'Entrée du journal / taille du journal à l\'accusé',
    treeRoot: 'Racine du journal à l\'accusé (SHA-256, base64)',
    signer: 'Signé par',
    verifyHint: 'Vérifier : openssl cms -verify -binary -inform DER -in receipt.p7s -content receipt.json -noverify (tous deux joints) ; ebox-keeper verify-store pour le journal.',
    company: 'Entreprise (numéro BCE)',
    openedVia: 'Ouvert par le biais de',
    via: { page: 'la page de l\'e-Box', job: 'un archivage groupé', rule: 'une règle d\'archivage' },
    late: (d) => `Accusé ${d} après l'ouverture, parce que :`,
    lateReasons: { 'helper-unreachable': 'l\'assistant ne répondait pas lors de l\'ouverture', 'made-on-retrieval-by-sync': 'l\'ouverture a été constatée lors de la synchronisation de l\'archive', 'queued-by-job': 'un archivage groupé ou une règle a mis l\'accusé en attente', 'not-stated': 'aucune raison n\'a été donnée' },
    attached: 'Joints à ce PDF : l\'accusé signé (JSON canonique) et sa signature CMS (.p7s).',
  },
  nl: {
    title: 'Ontvangstbevestiging',
    intro: 'Dit document bevestigt dat het onderstaande bericht ontvangen en geopend werd. Het is elektronisch ondertekend (PAdES); dezelfde gegevens worden bewaard als ondertekend JSON-bewijs in een fraudebestendig logboek.',
    developmentWarning: 'ONTWIKKELINGSIDENTITEIT - NIET RECHTSGELDIG: ondertekend met het certificaat dat de helper aanmaakte, niet dat van de onderneming.',
    message: 'Bericht',
    subject: 'Onderwerp',
    sender: 'Afzender (KBO-nummer)',
    messageId: 'Bericht-id',
    receivedInEbox: 'Ontvangen in de e-Box op',
    expires: 'Verwijderd uit de e-Box op',
    kind: 'Soort',
    kinds: { simple: 'Gewoon bericht', registered: 'Aangetekende zending', qualified: 'Gekwalificeerde aangetekende zending' },
    openedAt: 'Geopend op',
    openedBy: 'Geopend door',
    acknowledgedAt: 'Bevestigd op',
    documents: 'Documenten (SHA-256, base64url)',
    digestCheck: { match: 'komt overeen met de e-Box-vingerafdruk', mismatch: 'WIJKT AF van de e-Box-vingerafdruk', 'no-ebox-digest': 'geen vingerafdruk gepubliceerd door de e-Box' },
    proof: 'Bewijs',
    receiptId: 'Bewijs-id',
    leafIndex: 'Logboekregel / grootte van het logboek bij de bevestiging',
    treeRoot: 'Logboekwortel bij de bevestiging (SHA-256, base64)',
    signer: 'Ondertekend door',
    verifyHint: 'Controle: openssl cms -verify -binary -inform DER -in receipt.p7s -content receipt.json -noverify (beide bijgevoegd); ebox-keeper verify-store voor het logboek.',
    company: 'Onderneming (KBO-nummer)',
    openedVia: 'Geopend via',
    via: { page: 'de e-Box-pagina', job: 'een bulkarchivering', rule: 'een archiveringsregel' },
    late: (d) => `Bevestigd ${d} na het openen, omdat:`,
    lateReasons: { 'helper-unreachable': 'de helper bij het openen niet antwoordde', 'made-on-retrieval-by-sync': 'het openen pas bij de synchronisatie van het archief werd vastgesteld', 'queued-by-job': 'een bulkarchivering of regel de bevestiging in de wachtrij zette', 'not-stated': 'geen reden werd opgegeven' },
    attached: 'Bij deze pdf gevoegd: het ondertekende bewijs (canonieke JSON) en zijn CMS-handtekening (.p7s).',
  },
  de: {
    title: 'Empfangsbestätigung',
    intro: 'Dieses Dokument bestätigt, dass die folgende Nachricht empfangen und geöffnet wurde. Es ist elektronisch signiert (PAdES); dieselben Daten werden als signierte JSON-Bestätigung in einem fälschungssicheren Protokoll aufbewahrt.',
    developmentWarning: 'ENTWICKLUNGSIDENTITÄT - NICHT RECHTSGÜLTIG: signiert mit dem vom Helfer erzeugten Zertifikat, nicht mit dem des Unternehmens.',
    message: 'Nachricht',
    subject: 'Betreff',
    sender: 'Absender (ZDU-Nummer)',
    messageId: 'Nachrichten-ID',
    receivedInEbox: 'In der e-Box eingegangen am',
    expires: 'Aus der e-Box gelöscht am',
    kind: 'Art',
    kinds: { simple: 'Gewöhnliche Nachricht', registered: 'Einschreiben', qualified: 'Qualifiziertes Einschreiben' },
    openedAt: 'Geöffnet am',
    openedBy: 'Geöffnet von',
    acknowledgedAt: 'Bestätigt am',
    documents: 'Dokumente (SHA-256, base64url)',
    digestCheck: { match: 'stimmt mit dem e-Box-Hashwert überein', mismatch: 'WEICHT vom e-Box-Hashwert AB', 'no-ebox-digest': 'kein Hashwert von der e-Box veröffentlicht' },
    proof: 'Nachweis',
    receiptId: 'Bestätigungs-ID',
    leafIndex: 'Protokolleintrag / Protokollgröße bei der Bestätigung',
    treeRoot: 'Protokollwurzel bei der Bestätigung (SHA-256, base64)',
    signer: 'Signiert von',
    verifyHint: 'Prüfen: openssl cms -verify -binary -inform DER -in receipt.p7s -content receipt.json -noverify (beide beigefügt); ebox-keeper verify-store für das Protokoll.',
    company: 'Unternehmen (ZDU-Nummer)',
    openedVia: 'Geöffnet über',
    via: { page: 'die e-Box-Seite', job: 'eine Massenarchivierung', rule: 'eine Archivierungsregel' },
    late: (d) => `Bestätigt ${d} nach dem Öffnen, weil:`,
    lateReasons: { 'helper-unreachable': 'der Helfer beim Öffnen nicht antwortete', 'made-on-retrieval-by-sync': 'das Öffnen erst beim Abgleich des Archivs festgestellt wurde', 'queued-by-job': 'eine Massenarchivierung oder Regel die Bestätigung einreihte', 'not-stated': 'kein Grund angegeben wurde' },
    attached: 'Diesem PDF beigefügt: die signierte Bestätigung (kanonisches JSON) und ihre CMS-Signatur (.p7s).',
  },
};
