// Turns a Message Registry message of either generation into the one model, or says exactly what is wrong.
import { z } from 'zod';
import { wireMessageSchema, type WireAttachment, type WireMessage } from './wire.ts';
import type { EboxDocument, EboxMessage } from './model.ts';
import { normaliseDigest } from '../digest.ts';

export class RegistryDataError extends Error {
  readonly issues: string[];
  constructor(what: string, issues: string[]) {
    super(`${what}: ${issues.join('; ')}`);
    this.name = 'RegistryDataError';
    this.issues = issues;
  }
}

const CBE = /^[01][0-9]{9}$/;

function normaliseDocument(a: WireAttachment, index: number): EboxDocument {
  return {
    attachmentId: a.attachmentId ?? String(index),
    title: a.attachmentTitle ?? {},
    fileName: a.fileName,
    mainContent: a.isMainContent ?? a.mainContent ?? false,
    mediaType: a.mediaType,
    sizeKb: a.size,
    ...(a.digest?.digestMethod.toLowerCase().replace('-', '_') === 'sha_256' ? { eboxDigest: normaliseDigest(a.digest.digestValue) } : {}),
    signed: a.isAttachmentSigned ?? a.attachmentSigned ?? false,
    ...(a.contentHref ? { contentHref: a.contentHref } : {}),
  };
}

function isV3(m: WireMessage): boolean {
  return m.isRegisteredMail !== undefined || m.sender !== undefined || m.isBodyMainContent !== undefined || m.isReplyAuthorized !== undefined;
}

export function normaliseMessage(input: unknown): EboxMessage {
  const parsed = wireMessageSchema.safeParse(input);
  if (!parsed.success) {
    throw new RegistryDataError('Malformed e-Box message', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const m = parsed.data;
  const sender = m.sender?.enterpriseNumber ?? m.senderOrganizationId;
  if (!sender || !CBE.test(sender)) {
    throw new RegistryDataError('Malformed e-Box message', [`senderOrganizationId: not a CBE number (${String(sender)})`]);
  }
  for (const field of ['receiptDate', 'expirationDate'] as const) {
    if (Number.isNaN(Date.parse(m[field]))) throw new RegistryDataError('Malformed e-Box message', [`${field}: not a date-time (${m[field]})`]);
  }
  const fta = m.forTheAttentionOf;
  return {
    messageId: m.messageId,
    ...(m.originalMessageId ? { originalMessageId: m.originalMessageId } : {}),
    subject: m.subject,
    receiptDate: m.receiptDate,
    expirationDate: m.expirationDate,
    read: m.readStatus ?? false,
    visible: m.visible ?? true,
    registeredMail: m.isRegisteredMail ?? m.registeredMail ?? false,
    ...(fta ? { forTheAttentionOf: { id: fta.ssin ?? fta.id, name: fta.label ?? fta.name, type: fta.type } } : {}),
    messageTypeId: m.messageTypeId,
    senderOrganizationId: sender,
    ...(m.senderApplicationId ? { senderApplicationId: m.senderApplicationId } : {}),
    documents: (m.attachments?.items ?? []).map(normaliseDocument),
    bodyMainContent: m.isBodyMainContent ?? m.bodyMainContent ?? false,
    ...(m.paymentData ? { paymentData: m.paymentData } : {}),
    businessData: (m.businessDataList?.items ?? []).map((b) => ({ key: b.key, ...(b.name ? { name: b.name } : {}), values: b.values })),
    replyAuthorized: m.isReplyAuthorized ?? m.replyAuthorized ?? false,
    contractVersion: isV3(m) ? 'v3' : 'v2.1',
  };
}

/** Normalises a page of messages; one malformed item is reported and skipped, never silently dropped. */
export function normaliseMessagePage(input: unknown): { messages: EboxMessage[]; errors: RegistryDataError[]; totalItems?: number } {
  const page = z.looseObject({ items: z.array(z.unknown()), totalItems: z.number().int().optional() }).safeParse(input);
  if (!page.success) throw new RegistryDataError('Malformed e-Box message list', page.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const messages: EboxMessage[] = [];
  const errors: RegistryDataError[] = [];
  for (const item of page.data.items) {
    try {
      messages.push(normaliseMessage(item));
    } catch (e) {
      if (e instanceof RegistryDataError) errors.push(e);
      else throw e;
    }
  }
  return { messages, errors, ...(page.data.totalItems !== undefined ? { totalItems: page.data.totalItems } : {}) };
}
