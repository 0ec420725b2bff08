// The acknowledgement the helper signs, built from what the archive holds: the message's metadata, the newest
// stored version of each document with the SHA-256 the extension computed and the e-Box's own digest, and who
// opened it when (the first opening; and when late, when and why), for which company. Pure: the service worker
// passes the records in.
import type { LateReason } from './openings.ts';
import { translate } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { AcknowledgeRequest } from '../../../shared/helper-api/index.ts';
import type { LateReason as HelperLateReason } from '../../../shared/helper-api/receipts.ts';
import { normaliseDigest } from '../../../shared/digest.ts';
import type { DocumentRecord, MessageRecord } from '../archive/records.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import type { Opening } from './proofs-api.ts';

const LIMIT = { subject: 400, name: 200, fileName: 255 };
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function translated(text: TranslatedString | undefined): AcknowledgeRequest['message']['subject'] {
  const out: AcknowledgeRequest['message']['subject'] = {};
  for (const lang of ['fr', 'nl', 'de', 'en'] as const) {
    const value = text?.[lang];
    if (value) out[lang] = cut(value, LIMIT.subject);
  }
  return out;
}

/** Dates as the helper's schema wants them: ISO 8601 with an offset (the registry sometimes gives none). */
function isoWithOffset(date: string): string {
  return /(Z|[+-]\d\d:\d\d)$/.test(date) ? date : new Date(date).toISOString();
}

/** The newest version of each document, in the order of the message's documents. */
export function latestDocuments(message: MessageRecord, documents: readonly DocumentRecord[]): DocumentRecord[] {
  const newest = new Map<string, DocumentRecord>();
  for (const d of documents) {
    const known = newest.get(d.attachmentId);
    if (!known || d.version > known.version) newest.set(d.attachmentId, d);
  }
  const order = message.message.documents.map((d) => d.attachmentId);
  return [...newest.values()].sort((a, b) => order.indexOf(a.attachmentId) - order.indexOf(b.attachmentId));
}

/** Why the extension acknowledged late, in the helper's terms (the helper computes how late from its own clock). */
function helperLateReason(reason: LateReason): HelperLateReason {
  return reason === 'helper-not-paired' || reason === 'helper-unavailable' || reason === 'browser-stopped' ? 'helper-unreachable' : 'not-stated';
}

export function acknowledgeRequest(record: MessageRecord, documents: readonly DocumentRecord[], opening: Opening): AcknowledgeRequest {
  const m = record.message;
  const senderName = translate(record.names.sender, opening.language);
  const kind = registeredKindOf(m) ?? opening.kind;
  return {
    message: {
      messageId: m.messageId,
      subject: translated(m.subject),
      senderOrganizationId: m.senderOrganizationId,
      ...(senderName ? { senderOrganizationName: cut(senderName, LIMIT.name) } : {}),
      ...(m.senderApplicationId ? { senderApplicationId: cut(m.senderApplicationId, LIMIT.name) } : {}),
      messageTypeId: cut(m.messageTypeId, LIMIT.name),
      receiptDate: isoWithOffset(m.receiptDate),
      ...(m.expirationDate ? { expirationDate: isoWithOffset(m.expirationDate) } : {}),
      registeredMail: m.registeredMail || kind === 'qualified',
      registeredKind: kind,
      ...(opening.enterprise ? { recipientEnterpriseId: opening.enterprise.cbe } : {}),
      ...(m.forTheAttentionOf?.name ? { forTheAttentionOf: cut(m.forTheAttentionOf.name, LIMIT.name) } : {}),
    },
    documents: latestDocuments(record, documents).map((d) => ({
      attachmentId: d.attachmentId,
      fileName: cut(d.fileName, LIMIT.fileName),
      mediaType: d.mediaType,
      sizeBytes: d.bytes,
      sha256: d.sha256,
      ...(d.expectedSha256 ? { eboxDigest: normaliseDigest(d.expectedSha256) } : {}),
    })),
    openedAt: isoWithOffset(opening.openedAt),
    // Nobody known: the helper states "an unknown person of" the receipt's company, never another company.
    openedBy: opening.opener.kind === 'person' ? { name: cut(opening.opener.name, LIMIT.name) } : { unknownPerson: true },
    ...(opening.enterprise ? { enterprise: { cbe: opening.enterprise.cbe, ...(opening.enterprise.name ? { name: cut(opening.enterprise.name, LIMIT.name) } : {}) } } : {}),
    ...(opening.late ? { lateReason: helperLateReason(opening.late.reason) } : {}),
    language: opening.language,
  };
}
