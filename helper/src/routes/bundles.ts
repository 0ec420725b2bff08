// Evidence bundles for the extension's archive page: start an export of selected messages, follow its progress,
// download the finished .asice, cancel or delete it. One export runs at a time (they are disk-bound); files are
// written under <data dir>/bundles/ by the same exporter as `ebox-keeper export-bundle`, atomically.
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { createBundleEnvelopeSchema, type BundleJob } from '../../../shared/bundle/bundle-api.ts';
import { ASIC_E_MIMETYPE } from '../../../shared/bundle/layout.ts';
import type { HelperContext } from '../context.ts';
import { exportBundle } from '../bundle/bundle-exporter.ts';
import { helperBundleSigner, NoTsaError } from '../bundle/bundle-signer.ts';
import { SelectionError, storeBundleInput } from '../bundle/store-source.ts';
import { archiveBundleInput } from '../bundle/archive-source.ts';
import { HelperHttpError, parseJsonBody } from '../http/errors.ts';
import { applyMemoryFlags } from '../memory-flags.ts';

export { BUNDLE_BODY_LIMIT } from './body-limits.ts';

interface Job {
  view: BundleJob;
  path: string;
  controller: AbortController;
  finished: Promise<void>;
}

export function bundleRoutes(ctx: HelperContext) {
  const app = new Hono();
  const jobs = new Map<string, Job>();
  const dir = join(ctx.dataDir, 'bundles');

  const find = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw new HelperHttpError(404, 'not_found', `no bundle ${id}`);
    return job;
  };

  const exportRunning = () => [...jobs.values()].some((j) => j.view.state === 'running');

  app.post('/', async (c) => {
    // Memory-saving V8 heap sizing from reading the request to the end of the export (helper/src/memory-flags.ts).
    applyMemoryFlags(true);
    try {
      return await startExport(c);
    } catch (err) {
      if (!exportRunning()) applyMemoryFlags(false);
      throw err;
    }
  });

  const startExport = async (c: Context) => {
    const body = await parseJsonBody(c, createBundleEnvelopeSchema);
    if (exportRunning()) {
      throw new HelperHttpError(429, 'rate_limited', 'an export is already running: wait for it or cancel it');
    }
    let signer;
    let input;
    try {
      signer = helperBundleSigner(ctx, body.language ?? 'en');
      const company = body.company ?? {};
      input = body.messages
        ? await archiveBundleInput(ctx, { messages: body.messages, selection: body.selection ?? `${body.messages.length} message(s) chosen on the archive page`, company }, { makeMissingPdfs: true })
        : await storeBundleInput(ctx, { messageIds: body.messageIds! }, company, { makeMissingPdfs: true });
    } catch (err) {
      if (err instanceof SelectionError || err instanceof NoTsaError) throw new HelperHttpError(400, 'bad_request', err.message);
      throw err;
    }
    if (body.selection) input.selection = body.selection;
    if (body.language) input.language = body.language;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const bundleId = randomUUID();
    const fileName = `ebox-bundle-${new Date().toISOString().slice(0, 10)}-${bundleId.slice(0, 8)}.asice`;
    const path = join(dir, `${bundleId}.asice`);
    const controller = new AbortController();
    const view: BundleJob = {
      bundleId,
      state: 'running',
      progress: { messages: 0, totalMessages: input.messageCount, bytes: 0, totalBytes: input.totalBytes },
      findings: [],
      fileName,
    };
    const finished = exportBundle(path, input, signer, {
      signal: controller.signal,
      onProgress: (p) => (view.progress = { ...view.progress, messages: p.messages, bytes: p.bytes }),
    }).then(
      (result) => {
        view.state = 'done';
        view.findings = result.findings;
        view.withoutProof = result.withoutProof;
        view.sizeBytes = statSync(path).size;
      },
      (err: Error) => {
        view.state = controller.signal.aborted ? 'cancelled' : 'failed';
        view.error = err.message;
      },
    ).finally(() => applyMemoryFlags(false));
    jobs.set(bundleId, { view, path, controller, finished });
    return c.json(view, 202);
  };

  app.get('/:id', (c) => c.json(find(c.req.param('id')).view));

  app.get('/:id/file', (c) => {
    const job = find(c.req.param('id'));
    if (job.view.state !== 'done') throw new HelperHttpError(404, 'not_found', `bundle ${job.view.bundleId} is ${job.view.state}, not ready`);
    const stream = Readable.toWeb(createReadStream(job.path)) as ReadableStream;
    return c.body(stream, 200, {
      'Content-Type': ASIC_E_MIMETYPE,
      'Content-Length': String(job.view.sizeBytes),
      'Content-Disposition': `attachment; filename="${job.view.fileName}"`,
    });
  });

  // POST, not DELETE: the helper accepts GET and POST only (http/request-shape.ts).
  app.post('/:id/discard', async (c) => {
    const job = find(c.req.param('id'));
    if (job.view.state === 'running') job.controller.abort();
    await job.finished;
    await rm(job.path, { force: true });
    jobs.delete(job.view.bundleId);
    return c.json({ discarded: true, bundleId: job.view.bundleId });
  });

  return app;
}
