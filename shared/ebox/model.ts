// e-Box Keeper's one model of an e-Box message, whatever generation of the Message Registry it came from.
import type { TranslatedString } from './wire.ts';
import type { Sha256 } from '../digest.ts';

export type Language = 'fr' | 'nl' | 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'nl', 'de', 'en'];

/** The three kinds of registered mail (../shared/ebox-domain.md). Qualified is not a registry field: it is known
 *  from the message type of the QERDS notification, so it is decided by `registeredKindOf`. */
export type RegisteredKind = 'simple' | 'registered' | 'qualified';

export interface EboxDocument {
  attachmentId: string;
  title: TranslatedString;
  fileName: string;
  mainContent: boolean;
  mediaType: string;
  /** Size as the registry reports it, in kB. */
  sizeKb: number;
  /** The SHA-256 the registry published for the content (shared/digest.ts), when it gives one. */
  eboxDigest?: Sha256;
  signed: boolean;
  contentHref?: string;
}

export interface BusinessData {
  key: string;
  name?: TranslatedString;
  values: TranslatedString[];
}

export interface PaymentData {
  amount: number;
  vatAmount?: number;
  currency: string;
  dueDate?: string;
  iban: string;
  bic?: string;
  reference?: unknown;
}

export interface EboxMessage {
  messageId: string;
  originalMessageId?: string;
  subject: TranslatedString;
  receiptDate: string;
  expirationDate: string;
  read: boolean;
  visible: boolean;
  registeredMail: boolean;
  forTheAttentionOf?: { id?: string; name?: string; type?: string };
  messageTypeId: string;
  /** CBE/KBO number of the sender organisation. */
  senderOrganizationId: string;
  senderApplicationId?: string;
  documents: EboxDocument[];
  bodyMainContent: boolean;
  paymentData?: PaymentData;
  businessData: BusinessData[];
  replyAuthorized: boolean;
  /** Which generation of the contract the message came in: kept so the archive can show it. */
  contractVersion: 'v2.1' | 'v3';
}

/** Picks the text in the user's language, falling back through the e-Box's own languages. */
export function translate(text: TranslatedString | undefined, lang: Language): string {
  if (!text) return '';
  const order: Language[] = [lang, 'fr', 'nl', 'de', 'en'];
  for (const l of order) {
    const v = text[l];
    if (v) return v;
  }
  return '';
}
