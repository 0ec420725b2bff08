import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleJobSchema, MAX_BUNDLE_MESSAGES, type BundleJob } from '../../../shared/bundle/bundle-api.ts';
import type { ArchivedMessage } from '../../../shared/bundle/archived-message.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { HELPER_API_BASE, SECRET_HEADER } from '../../../shared/helper-api/protocol.ts';
import { createApp, ROUTERS } from '../app.ts';
import { verifyBundle } from '../bundle/bundle-verifier.ts';
import { acknowledge, createFixture, type Fixture } from '../bundle/test-fixture.ts';
import { BUNDLE_BODY_LIMIT, bundleRoutes } from './bundles.ts';

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
    const v = await verifyBundle(downloaded, { trusted: [Buffer.from(new X509Certificate(f.caPem).raw)] });
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

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('base64url');

/** An archived message as the archive page sends it: full e-Box metadata in three languages, its documents. */
function archived(messageId: string, docs: { fileName: string; bytes: Uint8Array }[]): ArchivedMessage {
  const message: EboxMessage = {
    messageId,
    subject: { fr: `Avis de cotisation trimestrielle ${messageId}`, nl: `Aanslagbiljet kwartaal ${messageId}`, de: `Beitragsbescheid Quartal ${messageId}` },
    receiptDate: '2026-10-01T09:00:00+02:00',
    expirationDate: '2027-03-30T09:00:00+02:00',
    read: true,
    visible: true,
    registeredMail: false,
    messageTypeId: 'T-COTIS-TRIM',
    senderOrganizationId: '0206731645',
    senderApplicationId: 'A-DMFA-ONSS',
    documents: docs.map((d, i) => ({
      attachmentId: `att-${i + 1}`,
      title: { fr: `Décompte ${i + 1}`, nl: `Afrekening ${i + 1}`, de: `Abrechnung ${i + 1}` },
      fileName: d.fileName,
      mainContent: i === 0,
      mediaType: 'application/pdf',
      sizeKb: Math.ceil(d.bytes.length / 1024),
      sha256: sha(d.bytes),
      signed: false,
    })),
    bodyMainContent: false,
    businessData: [{ key: 'dossier', name: { fr: 'Dossier', nl: 'Dossier', de: 'Akte' }, values: [{ fr: 'DMFA-2026-Q3-0042' }] }],
    replyAuthorized: false,
    contractVersion: 'v2.1',
  };
  return {
    message,
    senderName: 'Office national de sécurité sociale',
    documents: docs.map((d, i) => ({ attachmentId: `att-${i + 1}`, version: 1, fileName: d.fileName, mediaType: 'application/pdf', sizeBytes: d.bytes.length, sha256: sha(d.bytes), eboxDigest: sha(d.bytes) })),
  };
}

async function upload(bytes: Uint8Array) {
  const res = await call('/documents', { body: { sha256: sha(bytes), contentBase64: Buffer.from(bytes).toString('base64') } });
  expect([200, 201]).toContain(res.status);
}

describe('/v1/bundles from the archive page', () => {
  it('bundles every selected message: metadata and documents, with proofs where the helper has them', async () => {
    // 4 acknowledged (ARCH-1..4, their documents already in the store) and 16 the helper never saw.
    const docsOf = (i: number) => [{ fileName: `doc-${i}.pdf`, bytes: Buffer.from(`%PDF-1.4 document ${i}`) }];
    const messages = [
      ...Array.from({ length: 4 }, (_, i) => archived(`ARCH-${i + 1}`, docsOf(i + 1))),
      ...Array.from({ length: 16 }, (_, i) => archived(`ONLY-ARCHIVED-${i}`, [{ fileName: `annexe-${i}.pdf`, bytes: Buffer.from(`%PDF-1.7 archived only ${i}`) }])),
    ];
    for (const m of messages.slice(4)) await upload(Buffer.from(`%PDF-1.7 archived only ${m.message.messageId.slice('ONLY-ARCHIVED-'.length)}`));
    const res = await call('/bundles', { body: { messages, selection: '20 messages chosen on the archive page', company: { name: 'Tests SA', cbe: '0123456749' } } });
    expect(res.status).toBe(202);
    const started = bundleJobSchema.parse(await res.json());
    expect(started.progress.totalMessages).toBe(20);
    const job = await until(started.bundleId, (j) => j.state !== 'running');
    expect(job).toMatchObject({ state: 'done', withoutProof: 16, findings: [] });

    const downloaded = join(f.dir, 'archive-page.asice');
    writeFileSync(downloaded, Buffer.from(await (await call(`/bundles/${job.bundleId}/file`)).arrayBuffer()));
    const v = await verifyBundle(downloaded, { trusted: [Buffer.from(new X509Certificate(f.caPem).raw)] });
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.counts.messages).toBe(20);
    expect(v.passed['receipt-signature']).toBe(4);
    expect(v.passed['document-digest']).toBe(20);
    expect(v.withoutProof).toEqual(messages.slice(4).map((m) => m.message.messageId));
    await call(`/bundles/${job.bundleId}/discard`, { body: {} });
  });

  it('names the field of a malformed archived message', async () => {
    const good = archived('GOOD', []);
    const bad = { ...archived('BAD', []), message: { ...archived('BAD', []).message, receiptDate: 'yesterday' } };
    const res = await call('/bundles', { body: { messages: [good, bad] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/invalid body field \\"messages\.1\.message\.receiptDate\\": must be a date/);
  });

  it('refuses documents that were never uploaded, naming them', async () => {
    const res = await call('/bundles', { body: { messages: [archived('NEVER-UPLOADED', [{ fileName: 'lost.pdf', bytes: Buffer.from('%PDF-1.7 never sent') }])] } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/1 document\(s\) are not in the helper's document store.*lost\.pdf \(message NEVER-UPLOADED\)/);
  });

  it('records a document whose stored bytes differ from the archived SHA-256 as a failure, and verify-bundle names it', async () => {
    const original = Buffer.from('%PDF-1.7 the archived bytes');
    await upload(original);
    // The helper's copy goes bad on disk after the upload.
    writeFileSync(f.ctx.store.blobs.pathOf(createHash('sha256').update(original).digest('hex')), Buffer.from('%PDF-1.7 other bytes!!!!!'));
    const res = await call('/bundles', { body: { messages: [archived('ROTTEN', [{ fileName: 'rotten.pdf', bytes: original }])] } });
    const job = await until(bundleJobSchema.parse(await res.json()).bundleId, (j) => j.state !== 'running');
    expect(job.state).toBe('done');
    expect(job.findings).toEqual([expect.objectContaining({ file: 'messages/ROTTEN/documents/rotten.pdf', check: 'document-digest', status: 'failed' })]);
    const downloaded = join(f.dir, 'rotten.asice');
    writeFileSync(downloaded, Buffer.from(await (await call(`/bundles/${job.bundleId}/file`)).arrayBuffer()));
    const v = await verifyBundle(downloaded, { trusted: [Buffer.from(new X509Certificate(f.caPem).raw)] });
    expect(v.indication).toBe('TOTAL_FAILED');
    expect(v.problems.map((p) => p.file)).toContain('messages/ROTTEN/documents/rotten.pdf');
  });

  it('admits 20,000 archived messages in one request, and answers 413 beyond its body limit', async () => {
    const one = archived('MSG-000000-0000000000', [1, 2, 3].map((i) => ({ fileName: `Décompte annuel ${i}.pdf`, bytes: Buffer.from(`doc ${i}`) })));
    // 20,000 messages of three documents each are read and checked (here refused for the repeated message id, which
    // is only found once the whole body was parsed), not turned away as too large.
    const full = await call('/bundles', { body: { messages: Array.from({ length: MAX_BUNDLE_MESSAGES }, () => one) } });
    expect(full.status).toBe(400);
    expect(JSON.stringify(await full.json())).toMatch(/given twice/);
    const tooLarge = await call('/bundles', { body: { messages: [], padding: 'x'.repeat(BUNDLE_BODY_LIMIT) } });
    expect(tooLarge.status).toBe(413);
    expect(JSON.stringify(await tooLarge.json())).toMatch(/larger than/);
    const tooMany = await call('/bundles', { body: { messageIds: Array.from({ length: MAX_BUNDLE_MESSAGES + 1 }, (_, i) => `m${i}`) } });
    expect(tooMany.status).toBe(400);
    const tooManyArchived = await call('/bundles', { body: { messages: Array.from({ length: MAX_BUNDLE_MESSAGES + 1 }, () => ({})) } });
    expect(tooManyArchived.status).toBe(400);
  });
});
