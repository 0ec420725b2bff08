// What the search sees of an archived message. The stored form (one row per message in the archive's searchDocs
// table, written with the message: search-docs-sync.ts) holds the folded text and the filter fields, so the
// archive page never reads whole records to search; the page adds the reader's language's sort keys.
import { translate, type EboxMessage, type Language } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { fold } from '../../../shared/text/fold.ts';
import type { MessageRecord } from '../archive/records.ts';

export interface StoredSearchDoc {
  messageId: string;
  enterprise: string;
  /** Folded subject (every language), sender, application and type names, business data, amounts, tags, note.
   *  Label paths are matched at search time (they change when labels are renamed). */
  text: string;
  senderOrganizationId: string;
  messageTypeId: string;
  labels: readonly string[];
  /** As the user filed them. */
  tags: readonly string[];
  registered: boolean;
  archived: boolean;
  integrityMismatch: boolean;
  receiptMs: number;
  expiryMs: number;
  subjectNames: TranslatedString;
  senderNames?: TranslatedString;
  typeNames?: TranslatedString;
  bytes: number;
}

export interface SearchDoc extends StoredSearchDoc {
  /** Folded tags, so a tag filter is accent- and case-insensitive too. */
  foldedTags: readonly string[];
  /** Sort keys and display in the reader's language. */
  subject: string;
  sender: string;
}

const all = (t: TranslatedString | undefined): string[] => (t ? Object.values(t).filter((v): v is string => typeof v === 'string') : []);

/** "1 410,80" and "1.410,80" are also found as "1410,80"; a payment of 1410.8 as 1410,80 and 1410.80. */
export function amountVariants(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d{1,3}(?:[ \u00a0\u202f.'’]\d{3})+(?:[.,]\d+)?/g)) out.push(m[0].replace(/[ \u00a0\u202f'’]/g, '').replace(/\.(?=\d{3}(?:\D|$))/g, ''));
  return out;
}

function paymentWords(m: EboxMessage): string[] {
  if (!m.paymentData) return [];
  const fixed = m.paymentData.amount.toFixed(2);
  return [fixed, fixed.replace('.', ','), m.paymentData.iban];
}

export function storedSearchDocOf(r: MessageRecord): StoredSearchDoc {
  const m = r.message;
  const businessValues = m.businessData.flatMap((b) => [...all(b.name), ...b.values.flatMap(all)]);
  const parts = [
    ...all(m.subject),
    ...all(r.names.sender),
    ...all(r.names.senderApplication),
    ...all(r.names.messageType),
    m.senderOrganizationId,
    m.messageTypeId,
    ...businessValues,
    ...businessValues.flatMap(amountVariants),
    ...paymentWords(m),
    m.forTheAttentionOf?.name ?? '',
    ...m.documents.map((d) => d.fileName),
    ...r.tags,
    r.note,
  ];
  return {
    messageId: r.messageId,
    enterprise: r.enterprise,
    // Control characters are the index's separators: keep them out of the text.
    text: fold(parts.filter(Boolean).join(' \u0002 ')).replace(/\u0001/g, ' '),
    senderOrganizationId: m.senderOrganizationId,
    messageTypeId: m.messageTypeId,
    labels: r.labels,
    tags: r.tags,
    registered: m.registeredMail,
    archived: !!r.archivedAt && !r.missingDocuments?.length,
    integrityMismatch: r.integrity === 'mismatch',
    receiptMs: Date.parse(m.receiptDate),
    expiryMs: Date.parse(m.expirationDate),
    subjectNames: m.subject,
    ...(r.names.sender ? { senderNames: r.names.sender } : {}),
    ...(r.names.messageType ? { typeNames: r.names.messageType } : {}),
    bytes: r.storedBytes ?? 0,
  };
}

export function toSearchDoc(s: StoredSearchDoc, lang: Language): SearchDoc {
  return {
    ...s,
    foldedTags: s.tags.map(fold),
    subject: translate(s.subjectNames, lang),
    sender: translate(s.senderNames, lang) || s.senderOrganizationId,
  };
}
