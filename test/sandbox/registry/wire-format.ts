// The sandbox's messages as the Message Registry writes them: v2.1 names (the public contract) or v3's
// `is`-prefixed booleans, `sender {...}` and `forTheAttentionOf {ssin, label}`.
import type { RegistryContract } from '../../../shared/ebox/registry-api.ts';
import { formatBrussels } from '../data/brussels-time.ts';
import { materialise, type SandboxDocument, type SandboxMessage } from '../data/mailbox.ts';

export interface WireContext {
  contract: RegistryContract;
  /** Absolute URL of this registry's base path, for contentHref. */
  baseUrl: string;
}

export function contentHref(ctx: WireContext, messageId: string, attachmentId: string): string {
  return `${ctx.baseUrl}/ebox/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
}

export async function wireAttachment(ctx: WireContext, message: SandboxMessage, doc: SandboxDocument): Promise<Record<string, unknown>> {
  const m = await materialise(doc);
  const flags = ctx.contract === 'v3' ? { isMainContent: doc.mainContent, isAttachmentSigned: doc.signed } : { mainContent: doc.mainContent, attachmentSigned: doc.signed };
  return {
    attachmentId: doc.attachmentId,
    attachmentTitle: doc.title,
    fileName: doc.fileName,
    ...flags,
    mediaType: doc.mediaType,
    size: m.sizeKb,
    digest: { digestValue: doc.announcedDigest ?? m.sha256, digestMethod: 'sha_256' },
    contentHref: contentHref(ctx, message.messageId, doc.attachmentId),
  };
}

export async function wireAttachments(ctx: WireContext, message: SandboxMessage): Promise<{ items: Record<string, unknown>[]; totalItems: number }> {
  const items = await Promise.all(message.documents.map((d) => wireAttachment(ctx, message, d)));
  return { items, totalItems: items.length };
}

export function wirePaymentData(message: SandboxMessage): Record<string, unknown> | undefined {
  const p = message.paymentData;
  if (!p) return undefined;
  return { paymentDataId: p.paymentDataId, amount: p.amount, vatAmount: p.vatAmount, currency: p.currency, dueDate: formatBrussels(p.dueDate), iban: p.iban, bic: p.bic, reference: p.reference };
}

export async function wireMessage(ctx: WireContext, m: SandboxMessage): Promise<Record<string, unknown>> {
  const v3 = ctx.contract === 'v3';
  const fta = m.forTheAttentionOf;
  const payment = wirePaymentData(m);
  return {
    messageId: m.messageId,
    ...(m.originalMessageId ? { originalMessageId: m.originalMessageId } : {}),
    subject: m.subject,
    receiptDate: formatBrussels(m.receiptDate),
    expirationDate: formatBrussels(m.expirationDate),
    readStatus: m.readStatus,
    visible: m.visible,
    ...(v3 ? { isRegisteredMail: m.registeredMail } : { registeredMail: m.registeredMail }),
    ...(fta ? { forTheAttentionOf: v3 ? { ssin: fta.id, label: fta.name } : fta } : {}),
    messageTypeId: m.messageTypeId,
    ...(v3 ? { sender: { eboxType: 'ENTERPRISE', enterpriseNumber: m.senderOrganizationId } } : { senderOrganizationId: m.senderOrganizationId }),
    senderApplicationId: m.senderApplicationId,
    attachments: await wireAttachments(ctx, m),
    ...(v3 ? { isBodyMainContent: m.bodyMainContent } : { bodyMainContent: m.bodyMainContent }),
    ...(payment ? { paymentData: payment } : {}),
    businessDataList: { items: m.businessData, totalItems: m.businessData.length },
    ...(v3 ? { isReplyAuthorized: m.replyAuthorized } : { replyAuthorized: m.replyAuthorized }),
  };
}
