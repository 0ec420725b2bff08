// What the search sees of an archived message: one folded text of everything searchable, and the filter fields.
import { translate, type Language } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { fold } from '../../../shared/text/fold.ts';
import type { MessageRecord } from '../archive/records.ts';

export interface SearchDoc {
  messageId: string;
  /** Folded subject (every language), sender, application and type names, business data, tags, note, labels. */
  text: string;
  senderOrganizationId: string;
  messageTypeId: string;
  labels: readonly string[];
  /** Folded tags, so a tag filter is accent- and case-insensitive too. */
  tags: readonly string[];
  registered: boolean;
  archived: boolean;
  receiptMs: number;
  expiryMs: number;
  /** Sort keys in the reader's language. */
  subject: string;
  sender: string;
  bytes: number;
}

const all = (t: TranslatedString | undefined): string[] => (t ? Object.values(t).filter((v): v is string => typeof v === 'string') : []);

export function toSearchDoc(r: MessageRecord, labelPaths: ReadonlyMap<string, string>, lang: Language, bytes = 0): SearchDoc {
  const m = r.message;
  const parts = [
    ...all(m.subject),
    ...all(r.names.sender),
    ...all(r.names.senderApplication),
    ...all(r.names.messageType),
    m.senderOrganizationId,
    ...m.businessData.flatMap((b) => [...all(b.name), ...b.values.flatMap(all)]),
    m.forTheAttentionOf?.name ?? '',
    ...m.documents.map((d) => d.fileName),
    ...r.tags,
    r.note,
    ...r.labels.map((l) => labelPaths.get(l) ?? ''),
  ];
  return {
    messageId: r.messageId,
    // Control characters are the index's separators: keep them out of the text.
    text: fold(parts.filter(Boolean).join(' \u0002 ')).replace(/\u0001/g, ' '),
    senderOrganizationId: m.senderOrganizationId,
    messageTypeId: m.messageTypeId,
    labels: r.labels,
    tags: r.tags.map(fold),
    registered: m.registeredMail,
    archived: !!r.archivedAt && !r.missingDocuments?.length,
    receiptMs: Date.parse(m.receiptDate),
    expiryMs: Date.parse(m.expirationDate),
    subject: translate(m.subject, lang),
    sender: translate(r.names.sender, lang) || m.senderOrganizationId,
    bytes,
  };
}
