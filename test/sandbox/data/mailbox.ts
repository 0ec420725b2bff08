// The sandbox's own record of an e-Box: every message with its mutable state (read, visible) and documents whose
// bytes are produced on first use and then kept, so 10,000 messages generate in well under a second.
import { createHash } from 'node:crypto';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { Company } from './catalogue.ts';

export interface SandboxDocument {
  attachmentId: string;
  title: TranslatedString;
  fileName: string;
  mediaType: string;
  mainContent: boolean;
  signed: boolean;
  /** Produces the bytes; called once (see materialise). */
  render: () => Promise<Uint8Array>;
  /** Set by a scenario to announce a digest that does not match the bytes. */
  announcedDigest?: string;
  cached?: Promise<MaterialisedDocument>;
  /** Set once the bytes exist, for what needs them synchronously (the e-Box size). */
  rendered?: MaterialisedDocument;
}

export interface MaterialisedDocument {
  bytes: Uint8Array<ArrayBuffer>;
  /** base64url SHA-256 of the bytes, as the registry's digest.digestValue. */
  sha256: string;
  sizeKb: number;
}

export interface BusinessDatum {
  key: string;
  name: TranslatedString;
  values: TranslatedString[];
}

export interface SandboxPayment {
  paymentDataId: string;
  amount: number;
  vatAmount: number;
  currency: string;
  dueDate: Date;
  iban: string;
  bic: string;
  reference: { structured: string };
}

export interface SandboxMessage {
  messageId: string;
  originalMessageId?: string;
  subject: TranslatedString;
  receiptDate: Date;
  expirationDate: Date;
  readStatus: boolean;
  visible: boolean;
  registeredMail: boolean;
  /** A QERDS notification: the registered letter itself waits on the provider's platform. */
  qualified: boolean;
  /** For a QERDS notification: the consignment at the provider and the documents it holds (not in the e-Box). */
  qerds?: { consignmentId: string; contents: SandboxDocument[] };
  forTheAttentionOf?: { id: string; name: string; type: string };
  messageTypeId: string;
  senderOrganizationId: string;
  senderApplicationId: string;
  documents: SandboxDocument[];
  body?: TranslatedString;
  bodyMainContent: boolean;
  paymentData?: SandboxPayment;
  businessData: BusinessDatum[];
  replyAuthorized: boolean;
}

export interface Mailbox {
  company: Company;
  /** Newest first, as the registry lists them. */
  messages: SandboxMessage[];
  byId: Map<string, SandboxMessage>;
  lastConsultationDate?: Date;
}

export function sha256Base64Url(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

export function materialise(doc: SandboxDocument): Promise<MaterialisedDocument> {
  doc.cached ??= doc.render().then((rendered) => {
    // Response bodies need a plain ArrayBuffer behind the view.
    const bytes = rendered.buffer instanceof ArrayBuffer ? (rendered as Uint8Array<ArrayBuffer>) : new Uint8Array(rendered);
    doc.rendered = { bytes, sha256: sha256Base64Url(bytes), sizeKb: Math.round((bytes.length / 1024) * 100) / 100 };
    return doc.rendered;
  });
  return doc.cached;
}

export function newMailbox(company: Company, messages: SandboxMessage[]): Mailbox {
  const mailbox: Mailbox = { company, messages: [], byId: new Map() };
  for (const m of messages) {
    if (mailbox.byId.has(m.messageId)) throw new Error(`duplicate message id ${m.messageId}`);
    mailbox.byId.set(m.messageId, m);
    mailbox.messages.push(m);
  }
  sortNewestFirst(mailbox);
  return mailbox;
}

export function addMessage(mailbox: Mailbox, message: SandboxMessage): void {
  if (mailbox.byId.has(message.messageId)) throw new Error(`duplicate message id ${message.messageId}`);
  mailbox.byId.set(message.messageId, message);
  mailbox.messages.push(message);
  sortNewestFirst(mailbox);
}

export function sortNewestFirst(mailbox: Mailbox): void {
  mailbox.messages.sort((a, b) => b.receiptDate.getTime() - a.receiptDate.getTime() || a.messageId.localeCompare(b.messageId));
}
