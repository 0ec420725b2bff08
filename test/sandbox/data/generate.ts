// The deterministic data generator: (seed, size, company, now) always gives the same mailbox, byte for byte.
// Message metadata is made eagerly (10,000 in well under a second); document bytes are rendered on first use.
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { addPeriod, DAY_MS, formatBrussels } from './brussels-time.ts';
import { belgianIban, formatIban, structuredCommunication } from './belgian-numbers.ts';
import { contributionsCsv, dmfaXml, receiptXml, workersXlsx, zipBytes, type Worker } from './annexes.ts';
import { type Company, type Lang, type MessageTypeDefinition, MESSAGE_TYPES, messageType, organization, QERDS_PROVIDER_NAME } from './catalogue.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { formatDate, formatEuro, WORDS } from './letter-text.ts';
import { materialise, type BusinessDatum, type SandboxDocument, type SandboxMessage, type SandboxPayment } from './mailbox.ts';
import { seededRandom, type Random } from './random.ts';

const MEDIA = {
  pdf: 'application/pdf',
  xml: 'text/xml',
  csv: 'text/csv',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export interface GeneratorLinks {
  /** Where a QERDS notification's action link leads: the provider's page for that consignment. */
  qerdsConsignment: (consignmentId: string) => string;
}

export interface GeneratorOptions {
  seed: number;
  company: Company;
  now: Date;
  links: GeneratorLinks;
}

/** What a scenario may fix about one message; everything else is generated as usual. */
export interface MessageSpec {
  messageTypeId?: string;
  receiptDate?: Date;
  expirationDate?: Date;
  subject?: TranslatedString;
  readStatus?: boolean;
  visible?: boolean;
  registeredMail?: boolean;
  /** Extra PDF annexes beyond the usual ones (for "a message with six documents"). */
  extraAnnexes?: number;
}

const FIRST_NAMES = ['Marie', 'Luc', 'Sofie', 'Jan', 'Nathalie', 'Koen', 'Anne', 'Pieter', 'Hélène', 'Jürgen', 'Inès', 'Maarten', 'Zoë', 'Céline'];
const LAST_NAMES = ['Peeters', 'Janssens', 'Maes', 'Dubois', 'Lambert', 'Wouters', 'Leclercq', 'Goossens', 'Schmitz', 'Lemaître', 'Van Damme', 'Mertens'];
const BANKS: Record<string, { bank: string; bic: string }> = {
  '0206731645': { bank: '679', bic: 'PCHQBEBB' },
  '0308357159': { bank: '679', bic: 'PCHQBEBB' },
  '0206653946': { bank: '001', bic: 'GEBABEBB' },
  '0206737484': { bank: '091', bic: 'GKCCBEBB' },
  '0203201340': { bank: '100', bic: 'NBBEBEBB' },
  '0308357753': { bank: '679', bic: 'PCHQBEBB' },
  '0207373429': { bank: '091', bic: 'GKCCBEBB' },
};

const hex32 = (r: Random) => Math.floor(r.next() * 2 ** 32).toString(16).padStart(8, '0');

/** A version-4 UUID from the seeded generator. */
function uuid(r: Random): string {
  const h = hex32(r) + hex32(r) + hex32(r) + hex32(r);
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** n random decimal digits, nine at a time. */
function digits(r: Random, n: number): string {
  let out = '';
  while (out.length < n) {
    const k = Math.min(9, n - out.length);
    out += String(Math.floor(r.next() * 10 ** k)).padStart(k, '0');
  }
  return out;
}
const each = (f: (l: Lang) => string): Required<Pick<TranslatedString, Lang>> => ({ fr: f('fr'), nl: f('nl'), de: f('de') });

function validityDays(type: MessageTypeDefinition, from: Date): number {
  return Math.round((addPeriod(from, type.validity.number, type.validity.unit).getTime() - from.getTime()) / DAY_MS);
}

/** Message types weighted roughly like the real volumes (ONSS and SPF Finances first, QERDS rare). */
const WEIGHTED_TYPES: readonly MessageTypeDefinition[] = MESSAGE_TYPES.flatMap((t) => {
  const weight: Record<string, number> = { DMFA_REGULARISATION: 12, ONSS_RELEVE_COTISATIONS: 12, ISOC_AVERTISSEMENT: 9, TVA_RAPPEL: 6, INAMI_COMMUNICATION: 6, ONEM_CT_CONFIRMATION: 6, QERDS_NOTIFICATION: 1 };
  return Array.from({ length: weight[t.messageTypeId] ?? 3 }, () => t);
});

function pickReceiptDate(r: Random, type: MessageTypeDefinition, now: Date): Date {
  const days = validityDays(type, now);
  const roll = r.next();
  let age: number;
  if (roll < 0.05) age = days + r.int(1, 30); // already past expiry: the registry no longer serves it
  else if (roll < 0.13) age = days - r.int(1, 7); // expiring within a week
  else age = Math.floor(Math.min(days, 730) * r.next() ** 2); // recent mail is denser
  const hour = r.int(7, 18) * 3_600_000 + r.int(0, 59) * 60_000 + r.int(0, 59) * 1000;
  const midnight = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const at = midnight - age * DAY_MS + hour - 3_600_000;
  // A message is never received in the future.
  return new Date(Math.min(at, now.getTime() - 60_000 * r.int(1, 600)));
}

/** Builds one message; `index` and the generator seed fix every random choice, including the rendered bytes. */
export function buildMessage(options: GeneratorOptions, index: number, spec: MessageSpec = {}): SandboxMessage {
  const r = seededRandom((options.seed * 1_000_003 + index * 7919) >>> 0);
  const { company, now } = options;
  const lang = company.language;
  const words = WORDS[lang];
  const type = spec.messageTypeId ? messageType(spec.messageTypeId) : r.pick(WEIGHTED_TYPES);
  const org = organization(type.organizationId);
  const receiptDate = spec.receiptDate ?? pickReceiptDate(r, type, now);
  const expirationDate = spec.expirationDate ?? addPeriod(receiptDate, type.validity.number, type.validity.unit);
  // Letters concern the quarter before the one they are sent in.
  const periodDate = new Date(receiptDate.getTime() - 92 * DAY_MS);
  const year = periodDate.getUTCFullYear();
  const quarter = Math.floor(periodDate.getUTCMonth() / 3) + 1;
  const reference = `${type.messageTypeId.split('_')[0]}-${year}-${digits(r, 6)}`;
  const subject = spec.subject ?? type.subject({ reference, year, quarter, company });
  const registeredMail = spec.registeredMail ?? (type.qualified || r.chance(type.registered));
  const ageDays = (now.getTime() - receiptDate.getTime()) / DAY_MS;
  const readStatus = spec.readStatus ?? (type.qualified ? false : r.chance(ageDays < 14 ? 0.3 : 0.92));
  const messageId = uuid(r);
  const mtime = receiptDate;

  let paymentData: SandboxPayment | undefined;
  if (type.payment) {
    const amount = Math.round(r.int(8_000, 2_500_000)) / 100;
    const vatAmount = type.messageTypeId.startsWith('BXL') ? 0 : type.messageTypeId === 'BNB_DEPOT_COMPTES' ? Math.round(amount * 21) / 100 : 0;
    const bank = BANKS[org.organizationId] ?? { bank: '679', bic: 'PCHQBEBB' };
    paymentData = {
      paymentDataId: uuid(r),
      amount,
      vatAmount,
      currency: 'EUR',
      dueDate: new Date(receiptDate.getTime() + 30 * DAY_MS),
      iban: belgianIban(bank.bank, org.organizationId.slice(3, 10)),
      bic: bank.bic,
      reference: { structured: structuredCommunication(digits(r, 10)) },
    };
  }

  const businessData: BusinessDatum[] = [
    { key: 'reference', name: each((l) => WORDS[l].reference), values: [{ fr: reference, nl: reference, de: reference }] },
  ];
  if (!type.qualified) {
    const period = `${quarter}/${year}`;
    businessData.push({ key: 'period', name: each((l) => WORDS[l].period), values: [{ fr: period, nl: period, de: period }] });
  }
  if (paymentData) {
    const p = paymentData;
    businessData.push({ key: 'amountDue', name: each((l) => WORDS[l].amountDue), values: [each((l) => formatEuro(p.amount + p.vatAmount, l))] });
  }

  const forTheAttentionOf = r.chance(0.3) ? { id: company.manager.ssin, type: 'ssin', name: company.manager.name } : undefined;
  const letterSeed = r.int(0, 2 ** 31);
  // The workers listed in annexes are only needed when an annex is rendered: drawn then, from their own seed.
  let workerList: Worker[] | undefined;
  const workers = (): Worker[] => {
    if (workerList) return workerList;
    const w = seededRandom(letterSeed + 2);
    workerList = Array.from({ length: w.int(2, 9) }, () => ({
      ssin: digits(w, 11),
      name: `${w.pick(LAST_NAMES)} ${w.pick(FIRST_NAMES)}`,
      days: w.int(5, 65),
      grossEuro: w.int(90_000, 650_000) / 100,
    }));
    return workerList;
  };

  const documents: SandboxDocument[] = [];
  const attachment = (d: Omit<SandboxDocument, 'attachmentId'>) => documents.push({ attachmentId: uuid(r), ...d });
  const fileStem = `${type.messageTypeId.toLowerCase()}_${reference}`;
  let body: TranslatedString | undefined;
  let bodyMainContent = false;

  const letterParagraphs = (l: Lang): string[] => {
    const w = WORDS[l];
    const paras = [w.intro(type.description[l]), w.availability(formatDate(expirationDate, l))];
    if (paymentData) paras.push(w.payment(formatEuro(paymentData.amount + paymentData.vatAmount, l), formatIban(paymentData.iban), paymentData.reference.structured, formatDate(paymentData.dueDate, l)));
    paras.push(w.question);
    return paras;
  };

  let qerds: SandboxMessage['qerds'];
  if (type.qualified) {
    const consignmentId = `QERDS-${digits(r, 12)}`;
    const noticeSubject = each((l) => ({ fr: `Mise en demeure – dossier ${reference}`, nl: `Ingebrekestelling – dossier ${reference}`, de: `Inverzugsetzung – Akte ${reference}` })[l]);
    const notice = {
      title: noticeSubject[lang],
      senderName: org.longName[lang],
      senderAddress: org.address,
      recipientLines: [company.name, ...company.address.split(', '), `${words.enterpriseNumber} ${company.enterpriseNumber}`],
      placeAndDate: `${words.place}, ${formatDate(receiptDate, lang)}`,
      references: [[words.ourReference, reference] as [string, string]],
      subject: noticeSubject[lang],
      paragraphs: [words.intro(type.description[lang]), words.question],
      closing: words.closing,
      signature: org.shortName[lang],
      date: receiptDate,
    };
    qerds = {
      consignmentId,
      contents: [
        { attachmentId: uuid(r), title: noticeSubject, fileName: `${reference}.pdf`, mediaType: MEDIA.pdf, mainContent: true, signed: false, render: () => renderLetterPdf(notice) },
      ],
    };
    const link = options.links.qerdsConsignment(consignmentId);
    const provider = QERDS_PROVIDER_NAME;
    const deadline = (l: Lang) => formatDate(expirationDate, l);
    body = each((l) => `${WORDS[l].salutation}\n\n${WORDS[l].qerdsIntro(provider, deadline(l))}\n\n${WORDS[l].qerdsAction}: ${link}`);
    bodyMainContent = true;
    businessData.push(
      { key: 'qerdsConsignmentId', name: { fr: 'Identifiant de l’envoi', nl: 'Identificatie van de zending', de: 'Kennung der Sendung' }, values: [{ fr: consignmentId, nl: consignmentId, de: consignmentId }] },
      { key: 'qerdsActionLink', name: each((l) => WORDS[l].qerdsAction), values: [{ fr: link, nl: link, de: link }] },
    );
  } else {
    const bodyIsMain = type.messageTypeId === 'INAMI_COMMUNICATION';
    if (bodyIsMain || r.chance(0.3)) {
      body = each((l) => [WORDS[l].salutation, ...letterParagraphs(l), WORDS[l].closing].join('\n\n'));
      bodyMainContent = bodyIsMain;
    }
    const subjectText = subject[lang] ?? subject.fr ?? '';
    const letter = () => ({
      title: subjectText,
      senderName: org.longName[lang],
      senderAddress: org.address,
      recipientLines: [company.name, ...(forTheAttentionOf ? [`${words.attention} ${forTheAttentionOf.name}`] : []), ...company.address.split(', '), `${words.enterpriseNumber} ${company.enterpriseNumber}`],
      placeAndDate: `${words.place}, ${formatDate(receiptDate, lang)}`,
      references: [[words.ourReference, reference] as [string, string], [words.enterpriseNumber, company.enterpriseNumber] as [string, string]],
      subject: subjectText,
      paragraphs: letterParagraphs(lang),
      ...(paymentData
        ? {
            amounts: [
              [words.amountExclVat, formatEuro(paymentData.amount, lang)],
              [words.vat, formatEuro(paymentData.vatAmount, lang)],
              [words.total, formatEuro(paymentData.amount + paymentData.vatAmount, lang)],
            ] as Array<[string, string]>,
          }
        : {}),
      closing: words.closing,
      signature: org.shortName[lang],
      date: receiptDate,
    });
    attachment({
      title: type.name,
      fileName: `${fileStem}.pdf`,
      mediaType: MEDIA.pdf,
      mainContent: !bodyIsMain,
      signed: r.chance(0.4),
      render: () => renderLetterPdf(letter()),
    });
    for (const kind of type.annexes) {
      if (kind === 'dmfa-xml') attachment({ title: each(() => 'DmfA XML'), fileName: `${fileStem}.xml`, mediaType: MEDIA.xml, mainContent: false, signed: false, render: async () => dmfaXml(company.enterpriseNumber, year, quarter, workers()) });
      if (kind === 'contributions-csv')
        attachment({
          title: each((l) => WORDS[l].explanations),
          fileName: `${fileStem}.csv`,
          mediaType: MEDIA.csv,
          mainContent: false,
          signed: false,
          render: async () => contributionsCsv(workers().map((w) => [`${w.name} (${w.ssin})`, Math.round(w.grossEuro * 25.07) / 100])),
        });
      if (kind === 'workers-xlsx')
        attachment({
          title: each(() => 'Liste des travailleurs / Lijst werknemers / Arbeitnehmerliste'),
          fileName: `${fileStem}.xlsx`,
          mediaType: MEDIA.xlsx,
          mainContent: false,
          signed: false,
          render: () => workersXlsx(['INSS', 'Nom', 'Jours', 'Brut EUR'], workers().map((w) => [w.ssin, w.name, w.days, w.grossEuro]), mtime),
        });
      if (kind === 'accounts-zip')
        attachment({
          title: each(() => 'Comptes annuels / Jaarrekening / Jahresabschluss (XBRL)'),
          fileName: `${fileStem}.zip`,
          mediaType: MEDIA.zip,
          mainContent: false,
          signed: false,
          render: () =>
            zipBytes(
              [
                { name: 'comptes-annuels.xbrl', data: `<?xml version="1.0" encoding="UTF-8"?>\n<xbrl xmlns="http://www.xbrl.org/2003/instance"><context id="c"><entity><identifier scheme="http://www.fgov.be">${company.enterpriseNumber}</identifier></entity></context></xbrl>\n` },
                { name: 'bilan.csv', data: `Rubrique;Montant\r\nActifs;${digits(seededRandom(letterSeed), 6)}\r\nPassifs;${digits(seededRandom(letterSeed + 1), 6)}\r\n` },
              ],
              mtime,
            ),
        });
    }
    const extra = spec.extraAnnexes ?? (r.chance(0.15) ? 1 : 0);
    for (let i = 0; i < extra; i++) {
      const n = i + 1;
      attachment({
        title: each((l) => `${WORDS[l].explanations} ${n}`),
        fileName: `${fileStem}_annex${n}.pdf`,
        mediaType: MEDIA.pdf,
        mainContent: false,
        signed: false,
        render: () => renderLetterPdf({ ...letter(), title: `${words.explanations} ${n}`, subject: `${words.explanations} ${n} – ${subjectText}` }),
      });
    }
  }

  if (registeredMail && !type.qualified) {
    const sent = [...documents];
    const ticket = `1ZG${digits(r, 10)}`;
    const token = uuid(r);
    attachment({
      title: each((l) => WORDS[l].proofOfDispatch),
      fileName: 'Receipt.xml',
      mediaType: MEDIA.xml,
      mainContent: false,
      signed: false,
      render: async () => {
        const digests = await Promise.all(sent.map(async (d) => ({ fileName: d.fileName, sha256: Buffer.from((await materialise(d)).sha256, 'base64url').toString('base64') })));
        return receiptXml({ ticket, token, sentAt: formatBrussels(receiptDate), sender: org.organizationId, recipient: company.enterpriseNumber, documents: digests });
      },
    });
  }

  return {
    messageId,
    subject,
    receiptDate,
    expirationDate,
    readStatus,
    visible: spec.visible ?? true,
    registeredMail,
    qualified: type.qualified,
    ...(qerds ? { qerds } : {}),
    ...(forTheAttentionOf ? { forTheAttentionOf } : {}),
    messageTypeId: type.messageTypeId,
    senderOrganizationId: org.organizationId,
    senderApplicationId: type.applicationId,
    documents,
    ...(body ? { body } : {}),
    bodyMainContent,
    ...(paymentData ? { paymentData } : {}),
    businessData,
    replyAuthorized: type.replyAuthorized,
  };
}

export function generateMessages(options: GeneratorOptions, size: number): SandboxMessage[] {
  return Array.from({ length: size }, (_, i) => buildMessage(options, i));
}
