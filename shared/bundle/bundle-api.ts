// The helper's bundle routes, as the extension's archive page uses them to "export bundle" for a selection:
//   POST   /v1/bundles              createBundleRequestSchema -> bundleJobSchema (202): the export starts
//   GET    /v1/bundles/:id          -> bundleJobSchema: state and progress, for a progress bar
//   GET    /v1/bundles/:id/file     the finished .asice (application/vnd.etsi.asic-e+zip, attachment)
//   POST   /v1/bundles/:id/discard  cancels a running export (no partial file is left) or deletes the file
// A bundle holds the selected messages the helper has proofs for: receipts (acknowledged messages) and archived
// QERDS evidences, with their documents from the helper's document store.
import { z } from 'zod';

export const createBundleRequestSchema = z.object({
  messageIds: z.array(z.string().min(1).max(200)).min(1).max(20_000),
  /** What the user selected, in words, for report.pdf ("label: tax, 2026-01..2026-06"). */
  selection: z.string().max(500).optional(),
  company: z.object({ name: z.string().max(200).optional(), cbe: z.string().regex(/^[01]\d{9}$/).optional() }).optional(),
});
export type CreateBundleRequest = z.infer<typeof createBundleRequestSchema>;

export const bundleJobSchema = z.object({
  bundleId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ messages: z.number(), totalMessages: z.number(), bytes: z.number(), totalBytes: z.number() }),
  /** Problems the exporter already saw (a receipt that does not verify...), recorded in the bundle too. */
  findings: z.array(z.object({ file: z.string(), check: z.string(), status: z.string(), message: z.string() })),
  error: z.string().optional(),
  fileName: z.string().optional(),
  sizeBytes: z.number().optional(),
});
export type BundleJob = z.infer<typeof bundleJobSchema>;
