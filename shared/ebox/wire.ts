// The Message Registry's wire shapes, as the e-Box web app receives them. Both generations are accepted: v2.1
// names (registeredMail, mainContent...) from the public contract in ../shared/ebox-api, and v3's `is`-prefixed
// booleans, `sender {...}` and `forTheAttentionOf {ssin, label}`. Unknown fields pass through untouched.
import { z } from 'zod';

export const translatedStringSchema = z.looseObject({
  nl: z.string().optional(),
  fr: z.string().optional(),
  de: z.string().optional(),
  en: z.string().optional(),
});
export type TranslatedString = z.infer<typeof translatedStringSchema>;

export const digestSchema = z.looseObject({
  digestValue: z.string(),
  digestMethod: z.string(),
});

export const MEDIA_TYPES = [
  'application/pdf',
  'application/zip',
  'text/csv',
  'text/html',
  'text/plain',
  'text/xml',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.graphics',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

export const wireAttachmentSchema = z.looseObject({
  attachmentId: z.string().optional(),
  attachmentTitle: translatedStringSchema.optional(),
  fileName: z.string().max(255),
  mainContent: z.boolean().optional(),
  isMainContent: z.boolean().optional(),
  mediaType: z.string(),
  size: z.number().nonnegative(),
  digest: digestSchema.optional(),
  attachmentSigned: z.boolean().optional(),
  isAttachmentSigned: z.boolean().optional(),
  contentHref: z.string().optional(),
});
export type WireAttachment = z.infer<typeof wireAttachmentSchema>;

export const wireBusinessDataSchema = z.looseObject({
  key: z.string(),
  name: translatedStringSchema.optional(),
  description: translatedStringSchema.optional(),
  values: z.array(translatedStringSchema),
});

export const wirePaymentDataSchema = z.looseObject({
  paymentDataId: z.string().optional(),
  amount: z.number(),
  vatAmount: z.number().optional(),
  currency: z.string(),
  dueDate: z.string().optional(),
  iban: z.string(),
  bic: z.string().optional(),
  reference: z.unknown().optional(),
});

const pagedList = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item), totalItems: z.number().int().optional() });

export const wireMessageSchema = z.looseObject({
  messageId: z.string().min(1),
  originalMessageId: z.string().optional(),
  subject: translatedStringSchema,
  receiptDate: z.string(),
  expirationDate: z.string(),
  readStatus: z.boolean().optional(),
  visible: z.boolean().optional(),
  registeredMail: z.boolean().optional(),
  isRegisteredMail: z.boolean().optional(),
  forTheAttentionOf: z
    .looseObject({ id: z.string().optional(), type: z.string().optional(), name: z.string().optional(), ssin: z.string().optional(), label: z.string().optional() })
    .optional(),
  messageTypeId: z.string(),
  senderOrganizationId: z.string().optional(),
  sender: z.looseObject({ eboxType: z.string().optional(), enterpriseNumber: z.string().optional(), partition: z.unknown().optional() }).optional(),
  senderApplicationId: z.string().optional(),
  attachments: pagedList(wireAttachmentSchema).optional(),
  bodyMainContent: z.boolean().optional(),
  isBodyMainContent: z.boolean().optional(),
  paymentData: wirePaymentDataSchema.optional(),
  businessDataList: pagedList(wireBusinessDataSchema).optional(),
  replyAuthorized: z.boolean().optional(),
  isReplyAuthorized: z.boolean().optional(),
});
export type WireMessage = z.infer<typeof wireMessageSchema>;

export const wireMessagesPageSchema = pagedList(wireMessageSchema);

export const wireMessageTypeSchema = z.looseObject({
  messageTypeId: z.string(),
  messageTypeName: translatedStringSchema,
  messageTypeDescription: translatedStringSchema.optional(),
  validityPeriod: z
    .looseObject({ validityPeriodNumber: z.number().int(), validityPeriodUnit: z.enum(['day', 'month', 'year']) })
    .optional(),
  senderOrganizationIds: z.array(z.string()).optional(),
  senderApplicationIds: z.array(z.string()).optional(),
});
export type WireMessageType = z.infer<typeof wireMessageTypeSchema>;

export const wireSenderOrganizationSchema = z.looseObject({
  organizationId: z.string(),
  organizationShortName: translatedStringSchema,
  organizationLongName: translatedStringSchema.optional(),
});
export type WireSenderOrganization = z.infer<typeof wireSenderOrganizationSchema>;

export const wireSenderApplicationSchema = z.looseObject({
  applicationId: z.string(),
  applicationName: translatedStringSchema,
  applicationDescription: translatedStringSchema.optional(),
});
export type WireSenderApplication = z.infer<typeof wireSenderApplicationSchema>;

export const wireEboxSchema = z.looseObject({
  numberOfMessages: z.number().int().optional(),
  numberOfUnreadMessages: z.number().int().optional(),
  lastReceiptDate: z.string().optional(),
  lastConsultationDate: z.string().optional(),
  eboxSize: z.number().optional(),
});

export const statusMessageSchema = z.looseObject({
  id: z.string(),
  code: z.string(),
  message: z.string(),
  contact: z.string().optional(),
  environment: z.string().optional(),
});
export type StatusMessage = z.infer<typeof statusMessageSchema>;
