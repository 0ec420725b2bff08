// bundle.json: the table of contents of an evidence bundle. It says which file is what (documents, metadata,
// receipts, QERDS evidence, inclusion proofs) so that verify-bundle knows which check each file needs and
// report.pdf can be rebuilt from the bundle alone. Paths are ASiC entry names (see layout.ts).
import { z } from 'zod';
import { BUNDLE_FORMAT } from './layout.ts';

const entryPath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !p.split('/').some((s) => s === '' || s === '.' || s === '..'), {
    message: 'must be a relative path inside the bundle',
  });

export const bundleDocumentSchema = z.object({
  path: entryPath,
  fileName: z.string(),
  mediaType: z.string(),
  /** SHA-256 the e-Box registry announced for the document (base64url), checked against the bytes. */
  eboxDigest: z.string().optional(),
  /** SHA-256 of the bytes when they were archived (base64url), checked against the bytes in the bundle. */
  sha256: z.string().optional(),
});

/**
 * An acknowledgement of receipt made by the helper (shared/helper-api/receipts.ts): its canonical JSON, which is
 * both the content of the detached CMS signature and the Merkle leaf, the signature, the signed PDF, and the
 * inclusion proof (shared/helper-api/store.ts inclusionProofSchema) against the bundle's checkpoint.
 */
export const bundleReceiptSchema = z.object({
  receipt: entryPath,
  signature: entryPath,
  pdf: entryPath.optional(),
  proof: entryPath,
});

/**
 * A QERDS evidence (ETSI EN 319 522) as the helper archived it (helper/src/evidence/evidence-archive.ts): the
 * evidence XML, the helper's validation report (JSON and PDF), the store leaf committing to both, and the leaf's
 * inclusion proof against the bundle's checkpoint.
 */
export const bundleEvidenceSchema = z.object({
  path: entryPath,
  /** The ETSI EN 319 522 event, e.g. "SubmissionAcceptance", "ContentHandover". */
  event: z.string(),
  report: entryPath,
  reportPdf: entryPath.optional(),
  leaf: entryPath,
  proof: entryPath,
});

/** A company (shared/ebox/enterprise.ts `Enterprise`): CBE number and name as last seen. */
export const bundleEnterpriseSchema = z.object({ cbe: z.string().regex(/^[01]\d{9}$/), name: z.string().max(200).optional() });

export const bundleMessageSchema = z.object({
  messageId: z.string().min(1),
  /** The company whose e-Box held the message; null when not known (archives older than companies). Absent in
   *  bundles made before companies were recorded. */
  enterprise: bundleEnterpriseSchema.nullable().optional(),
  /** What report.pdf shows; the full e-Box metadata is in `metadata`. */
  subject: z.string(),
  sender: z.string(),
  receiptDate: z.iso.datetime({ offset: true }),
  expirationDate: z.iso.datetime({ offset: true }).optional(),
  registeredKind: z.enum(['simple', 'registered', 'qualified']),
  /** The message's e-Box metadata as JSON (shared/ebox/model.ts EboxMessage). */
  metadata: entryPath,
  documents: z.array(bundleDocumentSchema),
  receipts: z.array(bundleReceiptSchema),
  evidences: z.array(bundleEvidenceSchema),
});

export const bundleIndexSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  createdAt: z.iso.datetime({ offset: true }),
  company: z.object({ cbe: z.string().optional(), name: z.string().optional() }),
  /** Every company the bundle's messages belong to (as in its messages), and whether some are of no known company. */
  enterprises: z.array(bundleEnterpriseSchema).optional(),
  /** What the exporter selected, in words ("label: tax, 2026-01-01..2026-06-30"). */
  selection: z.string(),
  /** The log checkpoint (shared/helper-api/store.ts checkpointSchema, JSON) every inclusion proof is checked
   *  against; required as soon as one message has a receipt. */
  checkpoint: entryPath.optional(),
  /** The ETSI TS 119 612 trusted list the evidences were judged against, so they can be judged again offline. */
  trustedList: entryPath.optional(),
  messages: z.array(bundleMessageSchema),
});

export type BundleDocument = z.infer<typeof bundleDocumentSchema>;
export type BundleReceipt = z.infer<typeof bundleReceiptSchema>;
export type BundleEvidence = z.infer<typeof bundleEvidenceSchema>;
export type BundleMessage = z.infer<typeof bundleMessageSchema>;
export type BundleIndex = z.infer<typeof bundleIndexSchema>;
