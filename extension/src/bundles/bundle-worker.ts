// The service worker's side of evidence bundles: answers "bundles.export" and "bundles.cancel" from the archive
// page, runs one export at a time (bundle-export.ts) against the paired helper, publishes its state in
// storage.local (at most five writes a second, every phase change at once) and saves the finished bundle with
// browser.downloads. Registered synchronously from background.ts.
import { browser } from 'wxt/browser';
import { ASIC_E_MIMETYPE } from '../../../shared/bundle/layout.ts';
import { sharedArchiveDb } from '../archive/db.ts';
import { HelperClient, toBase64 } from '../helper-client/helper-client.ts';
import { readLocal, writeLocal } from '../platform/runtime.ts';
import { loadHelperConnection } from '../settings/helper-connection.ts';
import type { BundleArchive, BundleHelper } from './bundle-export.ts';
import { BundleExportError, runBundleExport } from './bundle-export.ts';
import { BUNDLE_EXPORT_KEY, bundleRequestSchema, isFinal, type BundleAnswer, type BundleExportState } from './bundle-protocol.ts';

/** A bundle of a few GB takes minutes to download from 127.0.0.1; other calls keep the client's 30 s. */
const FILE_TIMEOUT_MS = 60 * 60_000;

function archiveOf(): BundleArchive {
  const db = sharedArchiveDb();
  return {
    async messages(ids) {
      const records = await db.messages.bulkGet([...ids]);
      const docs = await db.documents.where('messageId').anyOf([...ids]).toArray();
      const byMessage = new Map<string, typeof docs>();
      for (const d of docs) byMessage.set(d.messageId, [...(byMessage.get(d.messageId) ?? []), d]);
      return records.flatMap((record) => (record ? [{ record, documents: (byMessage.get(record.messageId) ?? []).map(({ blob: _blob, ...meta }) => meta) }] : []));
    },
    async bytes(documentId) {
      const doc = await db.documents.get(documentId);
      if (!doc) throw new BundleExportError('failed', `document ${documentId} is no longer in the archive`);
      return new Uint8Array(await doc.blob.arrayBuffer());
    },
  };
}

async function helperOf(): Promise<BundleHelper> {
  const connection = await loadHelperConnection();
  if (!connection.pairing) throw new BundleExportError('unpaired', 'e-Box Keeper is not paired with the helper on this computer');
  const secret = connection.pairing.secret;
  const client = new HelperClient({ port: connection.port, secret });
  const files = new HelperClient({ port: connection.port, secret, timeoutMs: FILE_TIMEOUT_MS });
  return {
    signerSubject: () => client.status().then((s) => s.identity.subject),
    storeDocument: (sha256, bytes) => client.storeDocument(sha256, bytes),
    createBundle: (request) => client.createBundle(request),
    bundle: (id) => client.bundle(id),
    bundleFile: (id) => files.bundleFile(id),
    discardBundle: (id) => client.discardBundle(id),
  };
}

/** Resolves once the browser has written the file, with the name it chose (another file may have had ours). */
function downloaded(downloadId: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const listener = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
      if (delta.id !== downloadId || !delta.state?.current || delta.state.current === 'in_progress') return;
      browser.downloads.onChanged.removeListener(listener);
      if (delta.state.current !== 'complete') {
        reject(new BundleExportError('failed', `the browser could not save the bundle (${delta.error?.current ?? delta.state.current})`));
        return;
      }
      browser.downloads.search({ id: downloadId }).then(
        ([item]) => resolve(item?.filename.split(/[\\/]/).pop() ?? ''),
        (err: unknown) => reject(err instanceof Error ? err : new Error(String(err))),
      );
    };
    browser.downloads.onChanged.addListener(listener);
  });
}

async function save(file: Blob, filename: string): Promise<string> {
  // Chrome's service worker has no URL.createObjectURL: a data URL carries the bytes there; Firefox's background
  // page has object URLs, which do not copy the file into a string.
  const objectUrl = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined;
  const url = objectUrl ?? `data:${ASIC_E_MIMETYPE};base64,${toBase64(new Uint8Array(await file.arrayBuffer()))}`;
  try {
    const id = await browser.downloads.download({ url, filename, conflictAction: 'uniquify', saveAs: false });
    return (await downloaded(id)) || filename;
  } finally {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
  }
}

export function registerBundleWorker(): void {
  let running: AbortController | undefined;
  let pending: BundleExportState | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPhase = '';
  const publish = (state: BundleExportState) => {
    pending = state;
    const urgent = state.phase !== lastPhase;
    lastPhase = state.phase;
    if (timer && !urgent) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (pending) void writeLocal(BUNDLE_EXPORT_KEY, pending);
    }, urgent ? 0 : 200);
  };

  // An export the previous worker did not finish cannot be resumed (its fetches died with it): say so, and free
  // the helper's half-written bundle.
  void readLocal<BundleExportState>(BUNDLE_EXPORT_KEY).then(async (s) => {
    if (!s || isFinal(s.phase) || running) return;
    if (s.bundleId) await helperOf().then((h) => h.discardBundle(s.bundleId!)).catch(() => {});
    await writeLocal(BUNDLE_EXPORT_KEY, { ...s, phase: 'failed', failure: { reason: 'interrupted', message: 'the browser stopped the export before it finished' } } satisfies BundleExportState);
  });

  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }, sendResponse: (answer: BundleAnswer) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (sender.id !== browser.runtime.id || typeof type !== 'string' || !type.startsWith('bundles.')) return false;
    const parsed = bundleRequestSchema.safeParse(message);
    if (!parsed.success) {
      sendResponse({ ok: false, error: parsed.error.issues[0]?.message ?? 'invalid request' });
      return false;
    }
    const request = parsed.data;
    if (request.type === 'bundles.cancel') {
      running?.abort();
      sendResponse({ ok: true });
      return false;
    }
    if (running) {
      sendResponse({ ok: false, error: 'an export is already running' });
      return false;
    }
    const controller = new AbortController();
    running = controller;
    const exportId = crypto.randomUUID();
    void (async () => {
      try {
        const helper = await helperOf();
        await runBundleExport(request.messageIds, request.selection, { helper, archive: archiveOf(), save, publish, signal: controller.signal, exportId });
      } catch (err) {
        // Only reaching the helper can fail before the export publishes anything.
        const failure = err instanceof BundleExportError ? { reason: err.reason, message: err.message } : { reason: 'failed' as const, message: String(err) };
        publish({
          exportId,
          phase: 'failed',
          startedAt: new Date().toISOString(),
          totalMessages: request.messageIds.length,
          totalBytes: 0,
          uploaded: { documents: 0, totalDocuments: 0, bytes: 0 },
          written: { messages: 0, bytes: 0 },
          findings: [],
          failure,
        });
      } finally {
        running = undefined;
      }
    })();
    sendResponse({ ok: true });
    return false;
  });
}
