// The archive page asks the service worker to export an evidence bundle ("bundles.export": message ids and the
// selection in words) or to cancel it ("bundles.cancel"), through the typed calls of messaging/protocol.ts. Only
// the service worker may call the helper on 127.0.0.1, so it runs the export and publishes its state in
// storage.local, which the page watches.
import { z } from 'zod';
import { MAX_BUNDLE_MESSAGES, type BundleJob } from '../../../shared/bundle/bundle-api.ts';
import type { HelperFailure } from '../helper-client/helper-client.ts';
import { isCompanyKey } from '../archive/company-scope.ts';

/** storage.local key of the current (or last) export's state. */
export const BUNDLE_EXPORT_KEY = 'bundles.export';

export const bundleExportSchema = z.object({
  messageIds: z.array(z.string().min(1).max(200)).min(1).max(MAX_BUNDLE_MESSAGES),
  /** What was selected, in words, for report.pdf. */
  selection: z.string().max(500),
  /** The companies the user chose the bundle for: it is named after them, and holds no other company's mail. */
  companies: z.array(z.object({ key: z.string().refine(isCompanyKey, { message: 'not a company' }), name: z.string().max(300).optional() })).min(1).max(50),
});

export interface BundlesApi {
  /** Starts exporting a bundle (one at a time); its progress is published under BUNDLE_EXPORT_KEY. */
  'bundles.export': (p: z.infer<typeof bundleExportSchema>) => void;
  'bundles.cancel': () => void;
}

/**
 * Why an export stopped, for the page to say in plain words: the helper's failures (not running, not paired...),
 * or a request too large, another export running, the service worker stopped mid-way, or the export failed.
 */
export type BundleFailureReason = HelperFailure | 'too-large' | 'busy' | 'interrupted' | 'failed';

export type BundlePhase = 'uploading' | 'exporting' | 'downloading' | 'done' | 'failed' | 'cancelled';

export interface BundleExportState {
  exportId: string;
  phase: BundlePhase;
  startedAt: string;
  totalMessages: number;
  /** Bytes of every document to bundle. */
  totalBytes: number;
  /** Documents handed to the helper so far (uploading phase). */
  uploaded: { documents: number; totalDocuments: number; bytes: number };
  /** The helper's progress writing the bundle (exporting phase). */
  written: { messages: number; bytes: number };
  bundleId?: string;
  fileName?: string;
  sizeBytes?: number;
  findings: BundleJob['findings'];
  /** Messages bundled without receipt or QERDS evidence. */
  withoutProof?: number;
  failure?: { reason: BundleFailureReason; message: string };
}

export const isFinal = (phase: BundlePhase) => phase === 'done' || phase === 'failed' || phase === 'cancelled';
