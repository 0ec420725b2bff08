// The service worker's side of evidence bundles: serves "bundles.export" and "bundles.cancel" to the archive
// page, runs one export at a time (bundle-export.ts) against the paired helper, publishes its state in
// storage.local (at most five writes a second, every phase change at once) and has browser.downloads save the
// finished bundle straight from the helper. Registered synchronously from background.ts.
import { sharedArchiveDb } from '../archive/db.ts';
import { readLocal, writeLocal } from '../platform/runtime.ts';
import { saveFromHelper } from '../helper-client/helper-downloads.ts';
import { pairedHelperClient } from '../settings/helper-connection.ts';
import type { BundleArchive, BundleExportDeps, BundleHelper } from './bundle-export.ts';
import { BundleExportError, runBundleExport } from './bundle-export.ts';
import { BUNDLE_EXPORT_KEY, bundleExportSchema, isFinal, type BundleExportState, type BundlesApi } from './bundle-protocol.ts';
import { serve } from '../messaging/server.ts';

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

async function helperOf(): Promise<{ helper: BundleHelper; save: BundleExportDeps['save'] }> {
  const client = await pairedHelperClient();
  if (!client) throw new BundleExportError('unpaired', 'e-Box Keeper is not paired with the helper on this computer');
  return {
    helper: {
      signerSubject: () => client.status().then((s) => s.identity.subject),
      storeDocument: (sha256, bytes) => client.storeDocument(sha256, bytes),
      createBundle: (request) => client.createBundle(request),
      bundle: (id) => client.bundle(id),
      discardBundle: (id) => client.discardBundle(id),
    },
    save: async (bundleId, filename, sizeBytes, signal) => {
      const saved = await saveFromHelper(client, `/bundles/${encodeURIComponent(bundleId)}/file`, filename, signal);
      if (sizeBytes !== undefined && saved.fileSize !== sizeBytes) {
        throw new BundleExportError('failed', `the bundle was saved incomplete (${saved.fileSize} of ${sizeBytes} bytes)`);
      }
      return saved.filename;
    },
  };
}

export function registerBundleWorker(): void {
  let running: AbortController | undefined;
  let pending: BundleExportState | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = (state: BundleExportState) => {
    const urgent = state.phase !== pending?.phase;
    pending = state;
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
    if (s.bundleId) await helperOf().then(({ helper }) => helper.discardBundle(s.bundleId!)).catch(() => {});
    await writeLocal(BUNDLE_EXPORT_KEY, { ...s, phase: 'failed', failure: { reason: 'interrupted', message: 'the browser stopped the export before it finished' } } satisfies BundleExportState);
  });

  const exportBundle = ({ messageIds, selection, companies }: Parameters<BundlesApi['bundles.export']>[0]) => {
    if (running) throw new Error('an export is already running');
    const controller = new AbortController();
    running = controller;
    const exportId = crypto.randomUUID();
    void (async () => {
      try {
        const { helper, save } = await helperOf();
        await runBundleExport(messageIds, selection, { helper, archive: archiveOf(), save, publish, signal: controller.signal, exportId, companies: companies.map((c) => ({ key: c.key, ...(c.name ? { name: c.name } : {}) })) });
      } catch (err) {
        // Only reaching the helper can fail before the export publishes anything.
        const failure = err instanceof BundleExportError ? { reason: err.reason, message: err.message } : { reason: 'failed' as const, message: String(err) };
        publish({
          exportId,
          phase: 'failed',
          startedAt: new Date().toISOString(),
          totalMessages: messageIds.length,
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
  };

  serve(
    {
      'bundles.export': async (p) => exportBundle(p),
      'bundles.cancel': async () => running?.abort(),
    },
    { 'bundles.export': bundleExportSchema },
  );
}
