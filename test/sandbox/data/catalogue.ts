// The sandbox's reference data: real Belgian senders (CBE numbers checked against the mod-97 rule and public
// registers), their applications and message types with validity periods, all translated fr/nl/de, and the
// fictitious companies whose e-Boxes the sandbox serves.
import type { TranslatedString } from '../../../shared/ebox/wire.ts';

export type Lang = 'fr' | 'nl' | 'de';
type T = Required<Pick<TranslatedString, Lang>>;

export interface Organization {
  organizationId: string;
  shortName: T;
  longName: T;
  address: string;
  /** What its logo shows. */
  monogram: string;
}

export interface Application {
  applicationId: string;
  organizationId: string;
  name: T;
  description: T;
}

/** What a message of this type looks like, for the generator. */
export type AnnexKind = 'dmfa-xml' | 'workers-xlsx' | 'contributions-csv' | 'accounts-zip';

export interface MessageTypeDefinition {
  messageTypeId: string;
  organizationId: string;
  applicationId: string;
  name: T;
  description: T;
  validity: { number: number; unit: 'day' | 'month' | 'year' };
  /** Probability that a message of this type is sent as registered mail. */
  registered: number;
  /** The QERDS notification of a qualified registered delivery (ebox-domain.md, kind 3). */
  qualified: boolean;
  payment: boolean;
  replyAuthorized: boolean;
  annexes: readonly AnnexKind[];
  subject: (c: SubjectContext) => T;
}

export interface SubjectContext {
  reference: string;
  year: number;
  quarter: number;
  company: Company;
}

export interface Company {
  enterpriseNumber: string;
  name: string;
  language: Lang;
  address: string;
  /** The person the company's mail is often addressed to (forTheAttentionOf). */
  manager: { ssin: string; name: string };
}

export const COMPANIES: readonly Company[] = [
  {
    enterpriseNumber: '0412345614',
    name: 'Boulangerie François Dupont SRL',
    language: 'fr',
    address: 'Chaussée de Wavre 214, 1050 Ixelles',
    manager: { ssin: '85073003328', name: 'François Dupont' },
  },
  {
    enterpriseNumber: '0751234514',
    name: 'Brouwerij Van den Broeck BV',
    language: 'nl',
    address: 'Kouter 12, 9000 Gent',
    manager: { ssin: '79021512345', name: 'Els Van den Broeck' },
  },
  {
    enterpriseNumber: '0823456754',
    name: 'Müller & Söhne Logistik AG',
    language: 'de',
    address: 'Aachener Straße 35, 4700 Eupen',
    manager: { ssin: '90110812376', name: 'Jürgen Müller' },
  },
];

const t = (fr: string, nl: string, de: string): T => ({ fr, nl, de });

export const ORGANIZATIONS: readonly Organization[] = [
  { organizationId: '0206731645', shortName: t('ONSS', 'RSZ', 'LSS'), longName: t('Office national de sécurité sociale', 'Rijksdienst voor Sociale Zekerheid', 'Landesamt für soziale Sicherheit'), address: 'Place Victor Horta 11, 1060 Bruxelles', monogram: 'ONSS' },
  { organizationId: '0308357159', shortName: t('SPF Finances', 'FOD Financiën', 'FÖD Finanzen'), longName: t('Service public fédéral Finances', 'Federale Overheidsdienst Financiën', 'Föderaler Öffentlicher Dienst Finanzen'), address: 'Boulevard du Roi Albert II 33, 1030 Bruxelles', monogram: 'FIN' },
  { organizationId: '0206653946', shortName: t('INAMI', 'RIZIV', 'LIKIV'), longName: t("Institut national d'assurance maladie-invalidité", 'Rijksinstituut voor ziekte- en invaliditeitsverzekering', 'Landesinstitut für Kranken- und Invalidenversicherung'), address: 'Avenue Galilée 5/01, 1210 Bruxelles', monogram: 'INAMI' },
  { organizationId: '0206737484', shortName: t('ONEM', 'RVA', 'LfA'), longName: t("Office national de l'emploi", 'Rijksdienst voor Arbeidsvoorziening', 'Landesamt für Arbeitsbeschaffung'), address: "Boulevard de l'Empereur 7, 1000 Bruxelles", monogram: 'ONEM' },
  { organizationId: '0203201340', shortName: t('BNB', 'NBB', 'NBB'), longName: t('Banque nationale de Belgique', 'Nationale Bank van België', 'Belgische Nationalbank'), address: 'Boulevard de Berlaimont 14, 1000 Bruxelles', monogram: 'BNB' },
  { organizationId: '0308357753', shortName: t('SPF Justice', 'FOD Justitie', 'FÖD Justiz'), longName: t('Service public fédéral Justice', 'Federale Overheidsdienst Justitie', 'Föderaler Öffentlicher Dienst Justiz'), address: 'Boulevard de Waterloo 115, 1000 Bruxelles', monogram: 'JUST' },
  { organizationId: '0207373429', shortName: t('Ville de Bruxelles', 'Stad Brussel', 'Stadt Brüssel'), longName: t('Ville de Bruxelles – Département Finances', 'Stad Brussel – Departement Financiën', 'Stadt Brüssel – Abteilung Finanzen'), address: 'Grand-Place 1, 1000 Bruxelles', monogram: 'BXL' },
];

export const APPLICATIONS: readonly Application[] = [
  { applicationId: 'DMFA', organizationId: '0206731645', name: t('DmfA', 'DmfA', 'DmfA'), description: t('Déclaration multifonctionnelle', 'Multifunctionele aangifte', 'Multifunktionelle Erklärung') },
  { applicationId: 'ONSS-PERCEPTION', organizationId: '0206731645', name: t('Perception des cotisations', 'Inning van de bijdragen', 'Beitragserhebung'), description: t('Relevés et rappels de cotisations', 'Afrekeningen en herinneringen', 'Abrechnungen und Mahnungen') },
  { applicationId: 'MYMINFIN-ISOC', organizationId: '0308357159', name: t('Impôt des sociétés', 'Vennootschapsbelasting', 'Körperschaftsteuer'), description: t('Avertissements-extraits de rôle ISoc', 'Aanslagbiljetten Ven.B', 'Steuerbescheide KöSt'), },
  { applicationId: 'MYMINFIN-TVA', organizationId: '0308357159', name: t('TVA', 'Btw', 'MwSt'), description: t('Comptes courants et rappels TVA', 'Btw-rekeningen en herinneringen', 'MwSt-Konten und Mahnungen') },
  { applicationId: 'INAMI-EMPLOYEURS', organizationId: '0206653946', name: t('Employeurs', 'Werkgevers', 'Arbeitgeber'), description: t('Communications aux employeurs', 'Mededelingen aan werkgevers', 'Mitteilungen an Arbeitgeber') },
  { applicationId: 'ONEM-CT', organizationId: '0206737484', name: t('Chômage temporaire', 'Tijdelijke werkloosheid', 'Vorübergehende Arbeitslosigkeit'), description: t('Communications de chômage temporaire', 'Mededelingen tijdelijke werkloosheid', 'Mitteilungen zur vorübergehenden Arbeitslosigkeit') },
  { applicationId: 'BNB-CDB', organizationId: '0203201340', name: t('Centrale des bilans', 'Balanscentrale', 'Bilanzzentrale'), description: t('Dépôt des comptes annuels', 'Neerlegging van de jaarrekening', 'Hinterlegung des Jahresabschlusses') },
  { applicationId: 'MONITEUR', organizationId: '0308357753', name: t('Moniteur belge', 'Belgisch Staatsblad', 'Belgisches Staatsblatt'), description: t('Publications des actes de société', 'Bekendmakingen van vennootschapsakten', 'Veröffentlichungen von Gesellschaftsakten') },
  { applicationId: 'JUSTICE-QERDS', organizationId: '0308357753', name: t('Envoi recommandé qualifié', 'Gekwalificeerde aangetekende zending', 'Qualifizierte Einschreiben'), description: t('Notifications de recommandés électroniques qualifiés (eIDAS)', 'Meldingen van gekwalificeerde elektronische aangetekende zendingen (eIDAS)', 'Benachrichtigungen über qualifizierte elektronische Einschreiben (eIDAS)') },
  { applicationId: 'BXL-TAXES', organizationId: '0207373429', name: t('Taxes communales', 'Gemeentebelastingen', 'Gemeindesteuern'), description: t('Avertissements-extraits de rôle communaux', 'Gemeentelijke aanslagbiljetten', 'Gemeindliche Steuerbescheide') },
];

export const QERDS_MESSAGE_TYPE_ID = 'QERDS_NOTIFICATION';
/** The qualified provider holding the consignments (the evidence issuer of test/qerds/provider.ts). */
export const QERDS_PROVIDER_NAME = 'Sandbox QERDS';

export const MESSAGE_TYPES: readonly MessageTypeDefinition[] = [
  {
    messageTypeId: 'DMFA_REGULARISATION', organizationId: '0206731645', applicationId: 'DMFA',
    name: t('Avis de régularisation DmfA', 'Regularisatiebericht DmfA', 'Regularisierungsmitteilung DmfA'),
    description: t('Modification de la déclaration trimestrielle par l\'ONSS', 'Wijziging van de kwartaalaangifte door de RSZ', 'Änderung der Quartalserklärung durch das LSS'),
    validity: { number: 1, unit: 'year' }, registered: 0, qualified: false, payment: false, replyAuthorized: true, annexes: ['dmfa-xml'],
    subject: (c) => t(`Avis de régularisation DmfA ${c.quarter}/${c.year} – réf. ${c.reference}`, `Regularisatiebericht DmfA ${c.quarter}/${c.year} – ref. ${c.reference}`, `Regularisierungsmitteilung DmfA ${c.quarter}/${c.year} – Ref. ${c.reference}`),
  },
  {
    messageTypeId: 'ONSS_RELEVE_COTISATIONS', organizationId: '0206731645', applicationId: 'ONSS-PERCEPTION',
    name: t('Relevé de cotisations', 'Afrekening van de bijdragen', 'Beitragsabrechnung'),
    description: t('Décompte trimestriel des cotisations sociales', 'Kwartaalafrekening van de sociale bijdragen', 'Vierteljährliche Abrechnung der Sozialbeiträge'),
    validity: { number: 6, unit: 'month' }, registered: 0, qualified: false, payment: true, replyAuthorized: false, annexes: ['contributions-csv'],
    subject: (c) => t(`Relevé des cotisations du ${c.quarter}e trimestre ${c.year}`, `Afrekening van de bijdragen ${c.quarter}e kwartaal ${c.year}`, `Beitragsabrechnung ${c.quarter}. Quartal ${c.year}`),
  },
  {
    messageTypeId: 'ONSS_RAPPEL', organizationId: '0206731645', applicationId: 'ONSS-PERCEPTION',
    name: t('Rappel de paiement', 'Betalingsherinnering', 'Zahlungserinnerung'),
    description: t('Rappel de cotisations impayées', 'Herinnering voor onbetaalde bijdragen', 'Mahnung für unbezahlte Beiträge'),
    validity: { number: 3, unit: 'month' }, registered: 1, qualified: false, payment: true, replyAuthorized: false, annexes: [],
    subject: (c) => t(`Rappel recommandé – cotisations ${c.quarter}/${c.year} impayées`, `Aangetekende herinnering – onbetaalde bijdragen ${c.quarter}/${c.year}`, `Einschreiben: Mahnung – unbezahlte Beiträge ${c.quarter}/${c.year}`),
  },
  {
    messageTypeId: 'ISOC_AVERTISSEMENT', organizationId: '0308357159', applicationId: 'MYMINFIN-ISOC',
    name: t('Avertissement-extrait de rôle ISoc', 'Aanslagbiljet Ven.B', 'Steuerbescheid Körperschaftsteuer'),
    description: t("Calcul de l'impôt des sociétés", 'Berekening van de vennootschapsbelasting', 'Berechnung der Körperschaftsteuer'),
    validity: { number: 2, unit: 'year' }, registered: 0.3, qualified: false, payment: true, replyAuthorized: false, annexes: [],
    subject: (c) => t(`Avertissement-extrait de rôle – exercice d'imposition ${c.year}`, `Aanslagbiljet vennootschapsbelasting – aanslagjaar ${c.year}`, `Steuerbescheid Körperschaftsteuer – Steuerjahr ${c.year}`),
  },
  {
    messageTypeId: 'TVA_RAPPEL', organizationId: '0308357159', applicationId: 'MYMINFIN-TVA',
    name: t('Rappel TVA', 'Herinnering btw', 'MwSt-Mahnung'),
    description: t('Rappel de déclaration ou de paiement TVA', 'Herinnering btw-aangifte of -betaling', 'Mahnung MwSt-Erklärung oder -Zahlung'),
    validity: { number: 1, unit: 'year' }, registered: 1, qualified: false, payment: true, replyAuthorized: true, annexes: [],
    subject: (c) => t(`Rappel : déclaration TVA du ${c.quarter}e trimestre ${c.year} non reçue`, `Herinnering: btw-aangifte ${c.quarter}e kwartaal ${c.year} niet ontvangen`, `Mahnung: MwSt-Erklärung ${c.quarter}. Quartal ${c.year} nicht eingegangen`),
  },
  {
    messageTypeId: 'INAMI_COMMUNICATION', organizationId: '0206653946', applicationId: 'INAMI-EMPLOYEURS',
    name: t('Communication INAMI', 'Mededeling RIZIV', 'Mitteilung LIKIV'),
    description: t('Information aux employeurs sur les incapacités de travail', 'Informatie voor werkgevers over arbeidsongeschiktheid', 'Information für Arbeitgeber zur Arbeitsunfähigkeit'),
    validity: { number: 6, unit: 'month' }, registered: 0, qualified: false, payment: false, replyAuthorized: false, annexes: [],
    subject: (c) => t(`Communication relative à la reprise du travail – dossier ${c.reference}`, `Mededeling over de werkhervatting – dossier ${c.reference}`, `Mitteilung zur Wiederaufnahme der Arbeit – Akte ${c.reference}`),
  },
  {
    messageTypeId: 'ONEM_CT_CONFIRMATION', organizationId: '0206737484', applicationId: 'ONEM-CT',
    name: t('Confirmation de chômage temporaire', 'Bevestiging tijdelijke werkloosheid', 'Bestätigung vorübergehende Arbeitslosigkeit'),
    description: t('Accusé de la communication de chômage temporaire', 'Ontvangstbevestiging van de mededeling tijdelijke werkloosheid', 'Empfangsbestätigung der Mitteilung zur vorübergehenden Arbeitslosigkeit'),
    validity: { number: 3, unit: 'month' }, registered: 0, qualified: false, payment: false, replyAuthorized: false, annexes: ['workers-xlsx'],
    subject: (c) => t(`Chômage temporaire pour raisons économiques – ${c.quarter}/${c.year}`, `Tijdelijke werkloosheid om economische redenen – ${c.quarter}/${c.year}`, `Vorübergehende Arbeitslosigkeit aus wirtschaftlichen Gründen – ${c.quarter}/${c.year}`),
  },
  {
    messageTypeId: 'BNB_DEPOT_COMPTES', organizationId: '0203201340', applicationId: 'BNB-CDB',
    name: t('Dépôt des comptes annuels', 'Neerlegging jaarrekening', 'Hinterlegung Jahresabschluss'),
    description: t('Accusé de réception du dépôt des comptes annuels', 'Ontvangstbewijs van de neerlegging', 'Empfangsbestätigung der Hinterlegung'),
    validity: { number: 1, unit: 'year' }, registered: 0, qualified: false, payment: true, replyAuthorized: false, annexes: ['accounts-zip'],
    subject: (c) => t(`Comptes annuels ${c.year - 1} – accusé de dépôt ${c.reference}`, `Jaarrekening ${c.year - 1} – bewijs van neerlegging ${c.reference}`, `Jahresabschluss ${c.year - 1} – Hinterlegungsbestätigung ${c.reference}`),
  },
  {
    messageTypeId: 'MONITEUR_PUBLICATION', organizationId: '0308357753', applicationId: 'MONITEUR',
    name: t('Publication au Moniteur belge', 'Bekendmaking in het Belgisch Staatsblad', 'Veröffentlichung im Belgischen Staatsblatt'),
    description: t('Publication des modifications statutaires', 'Bekendmaking van statutenwijzigingen', 'Veröffentlichung von Satzungsänderungen'),
    validity: { number: 90, unit: 'day' }, registered: 0, qualified: false, payment: false, replyAuthorized: false, annexes: [],
    subject: (c) => t(`Publication au Moniteur belge – nomination de ${c.company.manager.name}`, `Bekendmaking in het Belgisch Staatsblad – benoeming van ${c.company.manager.name}`, `Mitteilung: Veröffentlichung im Belgischen Staatsblatt – Ernennung von ${c.company.manager.name}`),
  },
  {
    messageTypeId: QERDS_MESSAGE_TYPE_ID, organizationId: '0308357753', applicationId: 'JUSTICE-QERDS',
    name: t('Envoi recommandé électronique qualifié', 'Gekwalificeerde elektronische aangetekende zending', 'Qualifizierte elektronische Einschreiben-Zustellung'),
    description: t('Un envoi recommandé qualifié (eIDAS) vous attend chez le prestataire', 'Een gekwalificeerde aangetekende zending (eIDAS) wacht op u bij de verlener', 'Eine qualifizierte Einschreiben-Zustellung (eIDAS) wartet beim Anbieter auf Sie'),
    validity: { number: 15, unit: 'day' }, registered: 1, qualified: true, payment: false, replyAuthorized: false, annexes: [],
    subject: (c) => t(`Envoi recommandé électronique qualifié à retirer – ${c.reference}`, `Gekwalificeerde elektronische aangetekende zending af te halen – ${c.reference}`, `Qualifiziertes elektronisches Einschreiben abzuholen – ${c.reference}`),
  },
  {
    messageTypeId: 'BXL_TAXE_ENSEIGNES', organizationId: '0207373429', applicationId: 'BXL-TAXES',
    name: t('Taxe communale sur les enseignes', 'Gemeentebelasting op uithangborden', 'Gemeindesteuer auf Werbeschilder'),
    description: t('Avertissement-extrait de rôle de la taxe sur les enseignes', 'Aanslagbiljet van de belasting op uithangborden', 'Steuerbescheid der Werbeschildsteuer'),
    validity: { number: 6, unit: 'month' }, registered: 0.5, qualified: false, payment: true, replyAuthorized: true, annexes: [],
    subject: (c) => t(`Taxe sur les enseignes et publicités ${c.year} – article ${c.reference}`, `Belasting op uithangborden en reclames ${c.year} – artikel ${c.reference}`, `Steuer auf Werbeschilder ${c.year} – Artikel ${c.reference}`),
  },
];

export function organization(id: string): Organization {
  const o = ORGANIZATIONS.find((x) => x.organizationId === id);
  if (!o) throw new Error(`unknown sender organization ${id}`);
  return o;
}

export function messageType(id: string): MessageTypeDefinition {
  const m = MESSAGE_TYPES.find((x) => x.messageTypeId === id);
  if (!m) throw new Error(`unknown message type ${id}`);
  return m;
}
