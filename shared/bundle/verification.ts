// The result of verify-bundle, as `--json` prints it and as the extension shows it. Indications follow
// ETSI EN 319 102-1: TOTAL_PASSED, TOTAL_FAILED, INDETERMINATE (a check that could not be completed).
import { z } from 'zod';

export const checkStatusSchema = z.enum(['passed', 'failed', 'indeterminate', 'warning']);

export const bundleCheckSchema = z.object({
  /** The bundle entry the check is about ("(container)" for the zip structure as a whole). */
  file: z.string(),
  /** Which check: container, structure, manifest-digest, signature, timestamp, receipt, evidence, inclusion... */
  check: z.string(),
  status: checkStatusSchema,
  message: z.string(),
});

export const bundleVerificationSchema = z.object({
  format: z.literal('ebox-keeper-bundle-verification/1'),
  bundle: z.string(),
  verifiedAt: z.iso.datetime({ offset: true }),
  indication: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']),
  signer: z
    .object({
      subject: z.string(),
      sha256Fingerprint: z.string(),
      pinned: z.boolean(),
      signedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
  counts: z.object({ files: z.number(), bytes: z.number(), messages: z.number() }),
  /** How many checks of each kind passed. */
  passed: z.record(z.string(), z.number()),
  /** Messages the bundle holds without any receipt or QERDS evidence: a fact about them, not a failure. */
  withoutProof: z.array(z.string()).optional(),
  /** Every check that did not pass, each naming its file. */
  problems: z.array(bundleCheckSchema),
});

export type CheckStatus = z.infer<typeof checkStatusSchema>;
export type BundleCheck = z.infer<typeof bundleCheckSchema>;
export type BundleVerification = z.infer<typeof bundleVerificationSchema>;
