// One evidence bundle export, as the service worker runs it: hand every selected document's bytes to the helper
// (each distinct SHA-256 once; the helper keeps what it already has), ask it for the bundle with each message's
// archived metadata, follow its progress, then have the .asice saved. Cancelling discards the helper's
// export, which leaves no partial file. Every state change goes to `publish`. No DOM, no browser APIs: the worker
// gives the archive, the helper client and the download (bundle-worker.ts).
import { MAX_BUNDLE_MESSAGES, type BundleJob } from '../../../shared/bundle/bundle-api.ts';
import type { ArchivedMessage } from '../../../shared/bundle/archived-message.ts';
import { HelperClientError } from '../helper-client/helper-client.ts';
import type { DocumentMeta } from './archived-selection.ts';
import { archivedMessageOf, distinctDocuments } from './archived-selection.ts';
import type { MessageRecord } from '../archive/records.ts';
import type { BundleExportState, BundleFailureReason } from './bundle-protocol.ts';
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import { bundleFileName, companyOfSubject } from './bundle-file-name.ts';

/** A message as sent to the helper, with the company whose mail it is (absent when unknown), for report.pdf. */

/** The helper calls an export makes (HelperClient has them). */
export interface BundleHelper {
  /** The X.500 subject of the helper's signing identity: the company the bundle is named after. */
  signerSubject(): Promise<string>;
  storeDocument(sha256: string, bytes: Uint8Array): Promise<unknown>;
  createBundle(request: { messages: ArchivedMessage[]; selection: string; company?: { name?: string; cbe?: string }; companies?: Enterprise[] }): Promise<BundleJob>;
  bundle(bundleId: string): Promise<BundleJob>;
  discardBundle(bundleId: string): Promise<void>;
}

export interface BundleArchive {
  /** The selected messages' records and document metadata (no bytes), in the order asked; unknown ids skipped. */
  messages(ids: readonly string[]): Promise<{ record: MessageRecord; documents: DocumentMeta[] }[]>;
  /** One stored document version's bytes. */
  bytes(documentId: string): Promise<Uint8Array>;
}

export interface BundleExportDeps {
  helper: BundleHelper;
  archive: BundleArchive;
  /**
   * Saves the finished bundle the helper holds under this name (browser.downloads in the worker), checking it is
   * `sizeBytes` long; returns the name it got. Stops, and rejects, when `signal` aborts.
   */
  save(bundleId: string, fileName: string, sizeBytes: number | undefined, signal: AbortSignal): Promise<string>;
  publish(state: BundleExportState): void;
  /** The companies the user chose the bundle for (keys: CBE numbers or 'unknown'); its messages must be theirs. */
  companies: { key: string; name?: string }[];
  signal: AbortSignal;
  exportId: string;
  pollMs?: number;
  now?: () => Date;
}

export class BundleExportError extends Error {
  override name = 'BundleExportError';
  readonly reason: BundleFailureReason;
  constructor(reason: BundleFailureReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

function failureOf(err: unknown): { reason: BundleFailureReason; message: string } {
  if (err instanceof BundleExportError) return { reason: err.reason, message: err.message };
  if (err instanceof HelperClientError) {
    if (err.status === 413) return { reason: 'too-large', message: err.message };
    if (err.status === 429) return { reason: 'busy', message: err.message };
    return { reason: err.failure, message: err.message };
  }
  return { reason: 'failed', message: err instanceof Error ? err.message : String(err) };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function runBundleExport(messageIds: readonly string[], selection: string, deps: BundleExportDeps): Promise<BundleExportState> {
  const { helper, archive, signal } = deps;
  const now = deps.now ?? (() => new Date());
  const state: BundleExportState = {
    exportId: deps.exportId,
    phase: 'uploading',
    startedAt: now().toISOString(),
    totalMessages: messageIds.length,
    totalBytes: 0,
    uploaded: { documents: 0, totalDocuments: 0, bytes: 0 },
    written: { messages: 0, bytes: 0 },
    findings: [],
  };
  const publish = () => deps.publish(structuredClone(state));
  publish();
  try {
    if (messageIds.length > MAX_BUNDLE_MESSAGES) throw new BundleExportError('too-large', `at most ${MAX_BUNDLE_MESSAGES} messages per bundle`);
    const chosen = new Map(deps.companies.map((c) => [c.key, c]));
    const known: Enterprise[] = deps.companies.filter((c) => c.key !== UNKNOWN_ENTERPRISE).map((c) => ({ cbe: c.key, ...(c.name ? { name: c.name } : {}) }));
    // Named after the chosen company (or companies); only an archive of unknown company falls back to the signer.
    const single = known.length === 1 && deps.companies.length === 1 ? known[0] : undefined;
    const company: { name?: string; cbe?: string } | undefined = single ? { ...(single.name ? { name: single.name } : {}), cbe: single.cbe } : known.length === 0 ? await helper.signerSubject().then((subject) => {
      const name = companyOfSubject(subject);
      return name ? { name } : undefined;
    }) : undefined;
    const fileName = bundleFileName(company ? (company.name ?? company.cbe) : known.map((k) => k.name ?? k.cbe).join(' '), now());
    const selected = await archive.messages(messageIds);
    if (selected.length === 0) throw new BundleExportError('failed', 'none of the selected messages is in the archive');
    const foreign = selected.filter((s) => !chosen.has(s.record.enterprise));
    if (foreign.length) throw new BundleExportError('failed', `${foreign.length} selected message(s) belong to a company not chosen for this bundle`);
    const messages: ArchivedMessage[] = selected.map((s) => {
      const c = chosen.get(s.record.enterprise)!;
      return { ...archivedMessageOf(s.record, s.documents), enterprise: c.key !== UNKNOWN_ENTERPRISE ? { cbe: c.key, ...(c.name ? { name: c.name } : {}) } : null };
    });
    const uploads = distinctDocuments(selected.flatMap((s) => s.documents));
    state.totalMessages = messages.length;
    state.totalBytes = uploads.reduce((n, d) => n + d.bytes, 0);
    state.uploaded.totalDocuments = uploads.length;
    publish();

    for (const d of uploads) {
      if (signal.aborted) break;
      await helper.storeDocument(d.sha256, await archive.bytes(d.id));
      state.uploaded.documents++;
      state.uploaded.bytes += d.bytes;
      publish();
    }
    if (signal.aborted) return finish('cancelled');

    state.phase = 'exporting';
    let job = await helper.createBundle({ messages, selection, ...(company ? { company } : {}), ...(known.length ? { companies: known } : {}) });
    state.bundleId = job.bundleId;
    publish();
    while (job.state === 'running') {
      await sleep(deps.pollMs ?? 250, signal);
      if (signal.aborted) {
        await helper.discardBundle(job.bundleId);
        return finish('cancelled');
      }
      job = await helper.bundle(job.bundleId);
      state.written = { messages: job.progress.messages, bytes: job.progress.bytes };
      publish();
    }
    if (job.state !== 'done') throw new BundleExportError('failed', job.error ?? `the helper's export ended ${job.state}`);
    state.findings = job.findings;
    if (job.withoutProof !== undefined) state.withoutProof = job.withoutProof;
    if (job.sizeBytes !== undefined) state.sizeBytes = job.sizeBytes;

    state.phase = 'downloading';
    publish();
    state.fileName = await deps.save(job.bundleId, fileName, job.sizeBytes, signal);
    // The user has the file now: the helper's copy would only take disk space.
    await helper.discardBundle(job.bundleId);
    return finish('done');
  } catch (err) {
    if (signal.aborted) {
      if (state.bundleId) await helper.discardBundle(state.bundleId).catch(() => {});
      return finish('cancelled');
    }
    state.failure = failureOf(err);
    if (state.bundleId) await helper.discardBundle(state.bundleId).catch(() => {});
    return finish('failed');
  }

  function finish(phase: BundleExportState['phase']): BundleExportState {
    state.phase = phase;
    publish();
    return state;
  }
}
