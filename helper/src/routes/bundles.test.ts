import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleJobSchema, type BundleJob } from '../../../shared/bundle/bundle-api.ts';
import { HELPER_API_BASE, SECRET_HEADER } from '../../../shared/helper-api/protocol.ts';
import { createApp, ROUTERS } from '../app.ts';
import { verifyBundle } from '../bundle/bundle-verifier.ts';
import { acknowledge, createFixture, type Fixture } from '../bundle/test-fixture.ts';
import { bundleRoutes } from './bundles.ts';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let f: Fixture;
let call: (path: string, init?: { method?: string; body?: unknown }) => Promise<Response>;

beforeAll(async () => {
  f = await createFixture();
  const app = createApp(f.ctx, [...ROUTERS, { path: '/bundles', router: bundleRoutes }]);
  const { header } = f.ctx.pairings.pair(ORIGIN, 'abcdefghijklmnopabcdefghijklmnop', 'tests');
  call = async (path, init = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { host: `127.0.0.1:${f.ctx.port}`, [SECRET_HEADER]: header };
    if (method !== 'GET') headers.origin = ORIGIN;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return app.request(`http://127.0.0.1:${f.ctx.port}${HELPER_API_BASE}${path}`, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  };
  for (let i = 1; i <= 22; i++) {
    const record = await acknowledge(f, { messageId: `ARCH-${i}`, documents: [{ fileName: `doc-${i}.pdf`, bytes: Buffer.from(`%PDF-1.4 document ${i}`) }] });
    await f.ctx.receipts.pdf(record.receiptId); // as the archive page's receipt download would have made it
  }
  // The helper signs bundles CAdES-B-T: it needs its TSA.
  f.ctx.tsaUrl = f.tsa.url;
}, 30_000);
afterAll(() => f?.close());

async function until(id: string, done: (j: BundleJob) => boolean): Promise<BundleJob> {
  for (let i = 0; i < 200; i++) {
    const job = bundleJobSchema.parse(await (await call(`/bundles/${id}`)).json());
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`bundle ${id} never finished`);
}

describe('/v1/bundles', () => {
  it('exports 20 selected messages, reports progress, serves a bundle that verifies, and deletes it', async () => {
    const chosen = Array.from({ length: 20 }, (_, i) => `ARCH-${i + 2}`);
    const res = await call('/bundles', { body: { messageIds: chosen, selection: '20 messages chosen on the archive page' } });
    expect(res.status).toBe(202);
    const started = bundleJobSchema.parse(await res.json());
    expect(started.progress.totalMessages).toBe(20);
    const job = await until(started.bundleId, (j) => j.state !== 'running');
    expect(job.state).toBe('done');
    expect(job.progress.messages).toBe(20);

    const file = await call(`/bundles/${job.bundleId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.etsi.asic-e+zip');
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="ebox-bundle-.*\.asice"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(job.sizeBytes);
    const downloaded = join(f.dir, 'downloaded.asice');
    writeFileSync(downloaded, bytes);
    const v = await verifyBundle(downloaded);
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.counts.messages).toBe(20);
    expect(v.passed['receipt-signature']).toBe(20);

    const del = await call(`/bundles/${job.bundleId}/discard`, { body: {} });
    expect(await del.json()).toEqual({ discarded: true, bundleId: job.bundleId });
    expect(existsSync(join(f.ctx.dataDir, 'bundles', `${job.bundleId}.asice`))).toBe(false);
    expect((await call(`/bundles/${job.bundleId}`)).status).toBe(404);
  });

  it('answers 400 naming the problem for messages it has no proof of, and for a bad body', async () => {
    const res = await call('/bundles', { body: { messageIds: ['never-seen'] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/no acknowledged message matches/);
    expect((await call('/bundles', { body: { messageIds: [] } })).status).toBe(400);
  });

  it('cancels a running export and leaves no file', async () => {
    const res = await call('/bundles', { body: { messageIds: ['ARCH-1', 'ARCH-2', 'ARCH-3'] } });
    const { bundleId } = bundleJobSchema.parse(await res.json());
    const del = await call(`/bundles/${bundleId}/discard`, { body: {} });
    expect(del.status).toBe(200);
    expect(existsSync(join(f.ctx.dataDir, 'bundles', `${bundleId}.asice`))).toBe(false);
  });
});
