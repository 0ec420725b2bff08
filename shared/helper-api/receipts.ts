// Acknowledgements of receipt. The extension sends what it saw (message metadata, the SHA-256 it computed for each
// document next to the e-Box's own digest, when and by whom it was opened); the helper builds the canonical
// receipt (RECEIPT_TYPE, version 1, documented in docs/proof-store.md), signs it and appends it to the proof store.
import { z } from 'zod';
import { LANGUAGES } from '../ebox/model.ts';
import { isoDateTimeSchema } from './protocol.ts';
import { DIGEST_CHECKS, sha256Schema } from '../digest.ts';
import { identitySummarySchema } from './identity.ts';
import { checkpointSchema, inclusionProofSchema } from './store.ts';

export const RECEIPT_TYPE = 'ebox-keeper/acknowledgement-of-receipt';
/** Version 2 adds the enterprise, who opened it when no person is known, how it was opened and why the
 *  acknowledgement came late. Version 1 receipts stay in stores and bundles, read by the same schema. */
export const RECEIPT_VERSION = 2;
/** An acknowledgement made more than this after the opening states why (issue 13 item 2). */
export const LATE_ACKNOWLEDGEMENT_MS = 60_000;

export const languageSchema = z.enum(LANGUAGES as readonly ['fr', 'nl', 'de', 'en']);

const translatedSchema = z.object({
  fr: z.string().max(400).optional(),
  nl: z.string().max(400).optional(),
  de: z.string().max(400).optional(),
  en: z.string().max(400).optional(),
});

export const acknowledgedMessageSchema = z.object({
  messageId: z.string().min(1).max(200),
  subject: translatedSchema,
  /** CBE/KBO number of the sender. */
  senderOrganizationId: z.string().regex(/^[01]\d{9}$/, 'a CBE number of 10 digits starting with 0 or 1'),
  senderOrganizationName: z.string().max(200).optional(),
  senderApplicationId: z.string().max(200).optional(),
  messageTypeId: z.string().max(200).optional(),
  receiptDate: isoDateTimeSchema,
  expirationDate: isoDateTimeSchema.optional(),
  registeredMail: z.boolean(),
  registeredKind: z.enum(['simple', 'registered', 'qualified']).optional(),
  /** The recipient enterprise's CBE number. */
  recipientEnterpriseId: z.string().regex(/^[01]\d{9}$/, 'a CBE number of 10 digits starting with 0 or 1').optional(),
  forTheAttentionOf: z.string().max(200).optional(),
});

export const acknowledgedDocumentSchema = z.object({
  attachmentId: z.string().min(1).max(200),
  fileName: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(200),
  sizeBytes: z.number().int().nonnegative().optional(),
  /** SHA-256 the extension computed over the bytes it downloaded. */
  sha256: sha256Schema,
  /** SHA-256 the e-Box published for the document (attachment.digest.digestValue), when it gave one. */
  eboxDigest: sha256Schema.optional(),
});

/** The recipient company (shared/ebox/enterprise.ts `Enterprise`); null when it could not be known. */
export const receiptEnterpriseSchema = z
  .object({
    cbe: z.string().regex(/^[01]\d{9}$/, 'a CBE number of 10 digits starting with 0 or 1'),
    name: z.string().max(200).optional(),
  })
  .nullable();

/** A person when one is known; otherwise `{ unknownPerson: true }`: someone of the receipt's enterprise, never
 *  another company. */
export const openerSchema = z.union([
  z.object({ name: z.string().min(1).max(200), email: z.email().max(254).optional() }).strict(),
  z.object({ unknownPerson: z.literal(true) }).strict(),
], { error: 'give the person who opened it as { name, email? }, or { unknownPerson: true } when no person is known' });
export type Opener = z.infer<typeof openerSchema>;

/** What fetched the content first: the user's page, a bulk archiving job, or a rule. */
export const openedViaSchema = z.enum(['page', 'job', 'rule']);
export type OpenedVia = z.infer<typeof openedViaSchema>;

/** Why an acknowledgement was made more than a minute after the opening. */
export const lateReasonSchema = z.enum([
  /** The helper did not answer when the content was fetched; the receipt was made when it came back. */
  'helper-unreachable',
  /** The opening was found later, when the archive synchronised (the content fetched elsewhere first). */
  'made-on-retrieval-by-sync',
  /** A bulk job or rule fetched the content and queued the acknowledgement. */
  'queued-by-job',
  /** The extension did not say (the helper records that it did not). */
  'not-stated',
]);
export type LateReason = z.infer<typeof lateReasonSchema>;

export const acknowledgeRequestSchema = z.object({
  message: acknowledgedMessageSchema,
  documents: z.array(acknowledgedDocumentSchema).max(6),
  /** The first opening: when the content was first fetched (by the page, a job or a rule), not when shown later. */
  openedAt: isoDateTimeSchema,
  openedVia: openedViaSchema.optional(),
  openedBy: openerSchema,
  /** The company whose e-Box holds the message; absent or null: not known (recorded as such). */
  enterprise: receiptEnterpriseSchema.optional(),
  /** Why the acknowledgement comes more than a minute after `openedAt`; 'not-stated' is recorded when absent. */
  lateReason: lateReasonSchema.optional(),
  /** Language of the PDF receipt. */
  language: languageSchema,
});
export type AcknowledgeRequest = z.infer<typeof acknowledgeRequestSchema>;

/** The signed receipt itself: its canonical JSON (RFC 8785) bytes are the Merkle leaf and the CMS content. */
export const receiptSchema = z.object({
  type: z.literal(RECEIPT_TYPE),
  version: z.union([z.literal(1), z.literal(RECEIPT_VERSION)]),
  receiptId: z.uuid(),
  message: acknowledgedMessageSchema,
  documents: z.array(
    acknowledgedDocumentSchema.extend({
      /** 'match' when sha256 equals eboxDigest, 'mismatch' when they differ, 'no-ebox-digest' otherwise. */
      digestCheck: z.enum(DIGEST_CHECKS),
    }),
  ),
  openedAt: isoDateTimeSchema,
  /** Version 1: always a name (and maybe an email). */
  openedBy: z.object({ name: z.string().optional(), email: z.string().optional(), unknownPerson: z.literal(true).optional() }),
  /** Version 2 on. */
  openedVia: openedViaSchema.optional(),
  /** Version 2 on (null: company unknown). */
  enterprise: receiptEnterpriseSchema.optional(),
  acknowledgedAt: isoDateTimeSchema,
  /** Version 2 on, when the acknowledgement came more than LATE_ACKNOWLEDGEMENT_MS after the opening. */
  late: z.object({ seconds: z.number().int().nonnegative(), reason: lateReasonSchema }).optional(),
  language: languageSchema,
  helper: z.object({ name: z.string(), version: z.string() }),
  signer: z.object({
    subject: z.string(),
    certificateSha256: z.string(),
    /** True when signed by the generated development identity: NOT LEGALLY VALID. */
    development: z.boolean(),
  }),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptRecordSchema = z.object({
  receiptId: z.uuid(),
  receipt: receiptSchema,
  /** True when the CMS carries an RFC 3161 signature-time-stamp (CAdES-B-T). */
  timestamped: z.boolean(),
  /** Only when `timestamped`: the time the TSA asserted. */
  timestampedAt: isoDateTimeSchema.optional(),
  inclusion: inclusionProofSchema,
  checkpoint: checkpointSchema,
  signer: identitySummarySchema,
  /** Paths under the helper's base to GET (with the secret): canonical JSON, detached CMS, signed PDF (PDF/A-3b with
   *  the JSON and CMS attached), the CMS with the JSON inside (.p7m), and a .zip of the JSON, .p7s, signer chain,
   *  inclusion proof and checkpoint. The last three verify on their own. */
  downloads: z.object({ json: z.string(), p7s: z.string(), pdf: z.string(), p7m: z.string(), zip: z.string() }),
});
export type ReceiptRecord = z.infer<typeof receiptRecordSchema>;

export const receiptListSchema = z.object({ items: z.array(receiptRecordSchema) });
export type ReceiptList = z.infer<typeof receiptListSchema>;

/** POST /v1/documents: a document's bytes, kept in the store under their SHA-256. */
export const storeDocumentRequestSchema = z.object({
  sha256: sha256Schema,
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});
export type StoreDocumentRequest = z.infer<typeof storeDocumentRequestSchema>;
export const storeDocumentResponseSchema = z.object({
  sha256: sha256Schema,
  sizeBytes: z.number().int().nonnegative(),
  alreadyStored: z.boolean(),
});
export type StoreDocumentResponse = z.infer<typeof storeDocumentResponseSchema>;
