// Messages the extension has seen in the e-Box, and the light view of them other capabilities (expiry, popup) use.
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { translate, type Language } from '../../../shared/ebox/model.ts';
import type { ArchiveDb } from './db.ts';
import type { MessageRecord, ResolvedNames } from './records.ts';
import { ArchiveStorageError, isQuotaError } from './storage-error.ts';

export interface SeenInput {
  message: EboxMessage;
  wire?: unknown;
  names?: ResolvedNames;
  registryBase?: string;
  /** Key of the company whose e-Box served it (company-scope.ts companyKeyOf); unknown when not told. */
  enterprise?: string;
}

export function newRecord(input: SeenInput, now: string): MessageRecord {
  const m = input.message;
  return {
    messageId: m.messageId,
    enterprise: input.enterprise ?? UNKNOWN_ENTERPRISE,
    message: m,
    ...(input.wire !== undefined ? { wire: input.wire } : {}),
    names: input.names ?? {},
    ...(input.registryBase ? { registryBase: input.registryBase } : {}),
    labels: [],
    tags: [],
    note: '',
    firstSeenAt: now,
    lastSeenAt: now,
    senderOrganizationId: m.senderOrganizationId,
    messageTypeId: m.messageTypeId,
    receiptDate: m.receiptDate,
    expirationDate: m.expirationDate,
  };
}

/** Refreshes a known record with what the e-Box says now; filing and archive state are the user's and stay. The
 *  company is learnt when it was unknown, and never changed once known. */
export function refreshRecord(existing: MessageRecord, input: SeenInput, now: string): MessageRecord {
  const fresh = newRecord(input, now);
  const learnt = existing.enterprise === UNKNOWN_ENTERPRISE && input.enterprise && input.enterprise !== UNKNOWN_ENTERPRISE;
  return {
    ...existing,
    ...(learnt ? { enterprise: input.enterprise! } : {}),
    message: fresh.message,
    ...(input.wire !== undefined ? { wire: input.wire } : {}),
    names: { ...existing.names, ...fresh.names },
    ...(input.registryBase ? { registryBase: input.registryBase } : {}),
    lastSeenAt: now,
    senderOrganizationId: fresh.senderOrganizationId,
    messageTypeId: fresh.messageTypeId,
    receiptDate: fresh.receiptDate,
    expirationDate: fresh.expirationDate,
  };
}

/** Records messages as seen in the e-Box (new ones created, known ones refreshed). Returns the records. */
export async function recordSeen(db: ArchiveDb, inputs: SeenInput[], now: Date = new Date()): Promise<MessageRecord[]> {
  const at = now.toISOString();
  try {
    return await db.transaction('rw', db.messages, async () => {
      const existing = await db.messages.bulkGet(inputs.map((i) => i.message.messageId));
      const records = inputs.map((input, i) => {
        const known = existing[i];
        return known ? refreshRecord(known, input, at) : newRecord(input, at);
      });
      await db.messages.bulkPut(records);
      return records;
    });
  } catch (e) {
    if (isQuotaError(e)) {
      throw new ArchiveStorageError(inputs.map((i) => ({ messageId: i.message.messageId, subject: translate(i.message.subject, 'fr'), documents: [] })), e);
    }
    throw e;
  }
}

/** What the expiry reminders and the popup need about a seen message. */
export interface SeenMessage {
  messageId: string;
  /** Key of the company whose mail it is (company-scope.ts). */
  enterprise: string;
  subject: EboxMessage['subject'];
  senderOrganizationId: string;
  senderName?: EboxMessage['subject'];
  expirationDate: string;
  receiptDate: string;
  registeredMail: boolean;
  archived: boolean;
}

export function toSeenMessage(r: MessageRecord): SeenMessage {
  return {
    messageId: r.messageId,
    enterprise: r.enterprise,
    subject: r.message.subject,
    senderOrganizationId: r.senderOrganizationId,
    ...(r.names.sender ? { senderName: r.names.sender } : {}),
    expirationDate: r.expirationDate,
    receiptDate: r.receiptDate,
    registeredMail: r.message.registeredMail,
    archived: isArchivedRecord(r),
  };
}

export function isArchivedRecord(r: MessageRecord | undefined): boolean {
  return !!r?.archivedAt && !(r.missingDocuments?.length);
}

/** Every message seen in the e-Box, soonest expiry first. */
export async function seenMessages(db: ArchiveDb): Promise<SeenMessage[]> {
  const all = await db.messages.orderBy('expirationDate').toArray();
  return all.map(toSeenMessage);
}

export async function isArchived(db: ArchiveDb, messageId: string): Promise<boolean> {
  return isArchivedRecord(await db.messages.get(messageId));
}

export function subjectOf(r: MessageRecord, lang: Language): string {
  return translate(r.message.subject, lang);
}
