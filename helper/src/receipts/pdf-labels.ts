// The PDF receipt's words in the four languages of e-Box users.
import type { Language } from '../../../shared/ebox/model.ts';

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
  digestCheck: Record<'match' | 'mismatch' | 'no-ebox-digest', string>;
  proof: string;
  receiptId: string;
  leafIndex: string;
  treeRoot: string;
  signer: string;
  verifyHint: string;
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
    documents: 'Documents (SHA-256)',
    digestCheck: { match: 'matches the e-Box digest', mismatch: 'DIFFERS from the e-Box digest', 'no-ebox-digest': 'no e-Box digest published' },
    proof: 'Proof',
    receiptId: 'Receipt id',
    leafIndex: 'Log entry',
    treeRoot: 'Signed log root',
    signer: 'Signed by',
    verifyHint: 'Check: ebox-keeper verify-store; openssl cms -verify on the .p7s receipt.',
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
    documents: 'Documents (SHA-256)',
    digestCheck: { match: 'conforme à l\'empreinte de l\'e-Box', mismatch: 'DIFFÉRENT de l\'empreinte de l\'e-Box', 'no-ebox-digest': 'pas d\'empreinte publiée par l\'e-Box' },
    proof: 'Preuve',
    receiptId: 'Identifiant de l\'accusé',
    leafIndex: 'Entrée du journal',
    treeRoot: 'Racine signée du journal',
    signer: 'Signé par',
    verifyHint: 'Vérifier : ebox-keeper verify-store ; openssl cms -verify sur l\'accusé .p7s.',
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
    documents: 'Documenten (SHA-256)',
    digestCheck: { match: 'komt overeen met de e-Box-vingerafdruk', mismatch: 'WIJKT AF van de e-Box-vingerafdruk', 'no-ebox-digest': 'geen vingerafdruk gepubliceerd door de e-Box' },
    proof: 'Bewijs',
    receiptId: 'Bewijs-id',
    leafIndex: 'Logboekregel',
    treeRoot: 'Ondertekende logboekwortel',
    signer: 'Ondertekend door',
    verifyHint: 'Controle: ebox-keeper verify-store; openssl cms -verify op het .p7s-bewijs.',
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
    documents: 'Dokumente (SHA-256)',
    digestCheck: { match: 'stimmt mit dem e-Box-Hashwert überein', mismatch: 'WEICHT vom e-Box-Hashwert AB', 'no-ebox-digest': 'kein Hashwert von der e-Box veröffentlicht' },
    proof: 'Nachweis',
    receiptId: 'Bestätigungs-ID',
    leafIndex: 'Protokolleintrag',
    treeRoot: 'Signierte Protokollwurzel',
    signer: 'Signiert von',
    verifyHint: 'Prüfen: ebox-keeper verify-store; openssl cms -verify auf der .p7s-Bestätigung.',
  },
};
