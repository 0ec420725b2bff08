// What the archive page sends the helper for each message of a bundle: the message's metadata as the extension
// archived it (shared/ebox/model.ts EboxMessage, validated here field by field) and the documents it stored, named
// by the SHA-256 of their bytes (uploaded before with POST /v1/documents). Bounds keep one request for 20,000
// messages under the route's body limit and refuse anything absurd with the field at fault.
import { bundleEnterpriseSchema } from './bundle-index.ts';
import { z } from 'zod';
import type { EboxMessage } from '../ebox/model.ts';
import { translatedStringSchema } from '../ebox/wire.ts';
import { sha256Schema } from '../digest.ts';

const text = (max: number) => z.string().max(max);
const dateText = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be a date' });
const translated = translatedStringSchema.refine((t) => Object.values(t).every((v) => typeof v !== 'string' || v.length <= 2000), {
  message: 'a translation is longer than 2000 characters',
});

export const eboxDocumentSchema = z.object({
  attachmentId: text(200).min(1),
  title: translated,
  fileName: text(255).min(1),
  mainContent: z.boolean(),
  mediaType: text(200).min(1),
  sizeKb: z.number().nonnegative(),
  sha256: text(100).optional(),
  signed: z.boolean(),
  contentHref: text(2000).optional(),
});

const businessDataSchema = z.object({ key: text(200), name: translated.optional(), values: z.array(translated).max(50) });

export const eboxMessageSchema = z.object({
  messageId: text(200).min(1),
  originalMessageId: text(200).optional(),
  subject: translated,
  receiptDate: dateText,
  expirationDate: dateText,
  read: z.boolean(),
  visible: z.boolean(),
  registeredMail: z.boolean(),
  forTheAttentionOf: z.object({ id: text(200).optional(), name: text(200).optional(), type: text(100).optional() }).optional(),
  messageTypeId: text(200),
  senderOrganizationId: text(20),
  senderApplicationId: text(200).optional(),
  documents: z.array(eboxDocumentSchema).max(50),
  bodyMainContent: z.boolean(),
  paymentData: z
    .object({
      amount: z.number(),
      vatAmount: z.number().optional(),
      currency: text(10),
      dueDate: text(40).optional(),
      iban: text(50),
      bic: text(20).optional(),
      reference: z.unknown().optional(),
    })
    .optional(),
  businessData: z.array(businessDataSchema).max(100),
  replyAuthorized: z.boolean(),
  contractVersion: z.enum(['v2.1', 'v3']),
}) satisfies z.ZodType<EboxMessage>;

/** One stored document version of an archived message. */
export const archivedDocumentSchema = z.object({
  attachmentId: text(200).min(1),
  version: z.int().min(1),
  fileName: text(255).min(1),
  mediaType: text(200).min(1),
  sizeBytes: z.int().nonnegative(),
  /** SHA-256 of the bytes as the extension stored them (base64url): the helper's document store key. */
  sha256: sha256Schema,
  /** SHA-256 the e-Box published for the document, when it did. */
  eboxDigest: text(100).optional(),
});

export const archivedMessageSchema = z.object({
  message: eboxMessageSchema,
  /** The sender organisation's name as the archive resolved it, for report.pdf. */
  senderName: text(300).optional(),
  /** 'qualified' when the archive knows it from the QERDS notification; otherwise taken from registeredMail. */
  registeredKind: z.enum(['simple', 'registered', 'qualified']).optional(),
  /** The company whose e-Box holds the message (shared/ebox/enterprise.ts); null when not known. */
  enterprise: bundleEnterpriseSchema.nullable().optional(),
  documents: z.array(archivedDocumentSchema).max(200),
});

export type ArchivedDocument = z.infer<typeof archivedDocumentSchema>;
export type ArchivedMessage = z.infer<typeof archivedMessageSchema>;
