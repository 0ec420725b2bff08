import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { startTestHelper, type TestHelper } from '../app.fixture.ts';

let helper: TestHelper | undefined;
afterEach(async () => {
  await helper?.close();
  helper = undefined;
});

it('the extension asks which documents the helper lacks, uploads raw bytes once, and reads them back', async () => {
  helper = await startTestHelper({ signingThreads: 0 });
  const bytes = Buffer.from('%PDF-1.7 a document the helper does not have yet');
  const sha = createHash('sha256').update(bytes).digest('base64url');
  const other = createHash('sha256').update('another').digest('base64url');
  const have = await helper.call('/documents/have', { body: { sha256: [sha, other] } });
  expect(await have.json()).toEqual({ missing: [sha, other] });

  // ASCII bytes: the test fixture sends a string body as UTF-8.
  const put = (body: Buffer, digest = sha) =>
    helper!.call(`/documents/${digest}`, { method: 'POST', body: body.toString('utf8'), headers: { 'content-type': 'application/octet-stream', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
  expect((await put(Buffer.from('not those bytes'))).status).toBe(400);
  const stored = await put(bytes);
  expect(stored.status).toBe(201);
  expect(await stored.json()).toMatchObject({ sha256: sha, sizeBytes: bytes.length, alreadyStored: false });
  expect((await put(bytes)).status).toBe(200);
  expect(await (await helper.call('/documents/have', { body: { sha256: [sha, other] } })).json()).toEqual({ missing: [other] });

  const got = await helper.call(`/documents/${sha}`);
  expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  expect((await helper.call(`/documents/${other}`)).status).toBe(404);
  expect((await helper.call('/documents/not-a-digest')).status).toBe(400);
});

it('the sync status lists no account before one is added, and "sync now" starts nothing then', async () => {
  helper = await startTestHelper({ signingThreads: 0 });
  expect(await (await helper.call('/sync')).json()).toEqual({ running: false, accounts: [] });
  expect(await (await helper.call('/sync', { body: {} })).json()).toEqual({ started: false });
  expect(await (await helper.call('/sync/messages')).json()).toEqual({ items: [] });
});
