// The helper's bundle routes, as the extension's archive page uses them to "export bundle" for a selection:
//   POST   /v1/bundles              createBundleRequestSchema -> bundleJobSchema (202): the export starts
//   GET    /v1/bundles/:id          -> bundleJobSchema: state and progress, for a progress bar
//   GET    /v1/bundles/:id/file     the finished .asice (application/vnd.etsi.asic-e+zip, attachment)
//   POST   /v1/bundles/:id/discard  cancels a running export (no partial file is left) or deletes the file
// The archive page sends `messages`: every selected message as it archived it (metadata, documents named by their
// SHA-256, bytes uploaded first with POST /v1/documents); the helper adds whatever proofs it holds for each
// (receipts, QERDS evidences, inclusion proofs, checkpoint). A message without proofs is still bundled: that is a
// fact the report states, not a failure. `messageIds` instead bundles acknowledged messages from the helper's own
// store, as `ebox-keeper export-bundle` does.
import { z } from 'zod';
import { archivedMessageSchema } from './archived-message.ts';

/** As many messages as one bundle request may carry. */
export const MAX_BUNDLE_MESSAGES = 20_000;

const requestFields = {
  messageIds: z.array(z.string().min(1).max(200)).min(1).max(MAX_BUNDLE_MESSAGES).optional(),
  /** What the user selected, in words, for report.pdf ("label: tax, 2026-01..2026-06"). */
  selection: z.string().max(500).optional(),
  company: z.object({ name: z.string().max(200).optional(), cbe: z.string().regex(/^[01]\d{9}$/).optional() }).optional(),
  /** The language of report.pdf and of the job's error (default English). */
  language: z.enum(['fr', 'nl', 'de', 'en']).optional(),
};
const oneSource = {
  check: (r: { messageIds?: unknown; messages?: unknown }) => (r.messageIds === undefined) !== (r.messages === undefined),
  params: { message: 'give either messages (from the archive) or messageIds (from the helper store), not both', path: ['messages'] },
};

export const createBundleRequestSchema = z
  .object({ ...requestFields, messages: z.array(archivedMessageSchema).min(1).max(MAX_BUNDLE_MESSAGES).optional() })
  .refine(oneSource.check, oneSource.params);

/**
 * The same request with its messages not yet checked: the helper checks and condenses them one at a time, so a
 * request of 20,000 messages never exists twice in its memory (zod returns a checked copy).
 */
export const createBundleEnvelopeSchema = z
  .object({ ...requestFields, messages: z.array(z.unknown()).min(1).max(MAX_BUNDLE_MESSAGES).optional() })
  .refine(oneSource.check, oneSource.params);
export type CreateBundleRequest = z.infer<typeof createBundleRequestSchema>;

export const bundleJobSchema = z.object({
  bundleId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ messages: z.number(), totalMessages: z.number(), bytes: z.number(), totalBytes: z.number() }),
  /** Problems the exporter already saw (a receipt that does not verify...), recorded in the bundle too. */
  findings: z.array(z.object({ file: z.string(), check: z.string(), status: z.string(), message: z.string() })),
  /** How many bundled messages have no receipt and no QERDS evidence (a fact, not a failure). */
  withoutProof: z.number().optional(),
  error: z.string().optional(),
  fileName: z.string().optional(),
  sizeBytes: z.number().optional(),
});
export type BundleJob = z.infer<typeof bundleJobSchema>;
