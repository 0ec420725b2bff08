import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveMessage, documentsOf, type DocumentFetcher } from './archive-message.ts';
import { openArchiveDb, type ArchiveDb } from './db.ts';
import { isArchived, recordSeen, seenMessages } from './messages.ts';
import { ArchiveStorageError } from './storage-error.ts';
import { digestOf, message, pdfBytes } from './test-messages.ts';

let db: ArchiveDb;
let served: Map<string, Uint8Array>;
const fetcher: DocumentFetcher = async (m, d) => {
  const bytes = served.get(`${m.messageId}/${d.attachmentId}`);
  if (!bytes) throw new Error('404 Not Found');
  return new Blob([bytes as BlobPart], { type: d.mediaType });
};

beforeEach(() => {
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
  served = new Map();
});
afterEach(() => db.delete());

describe('archiveMessage', () => {
  it('stores every document as a Blob with its SHA-256 checked, and records who archived it', async () => {
    const a = pdfBytes('main'), b = new Uint8Array([1, 2, 3]);
    served.set('m1/a', a).set('m1/b', b);
    const m = message('m1', {}, [{ id: 'a', bytes: a }, { id: 'b', bytes: b, mediaType: 'text/csv' }]);
    const out = await archiveMessage(db, { message: m, by: 'Anne Dupont' }, fetcher, { now: new Date('2026-11-23T10:00:00Z') });
    expect(out).toMatchObject({ status: 'archived', newVersions: 2, bytes: a.length + 3, mismatches: [] });
    const docs = await documentsOf(db, 'm1');
    expect(docs.map((d) => [d.attachmentId, d.version, d.digestOk, d.sha256])).toEqual([
      ['a', 1, true, digestOf(a)],
      ['b', 1, true, digestOf(b)],
    ]);
    expect(new Uint8Array(await docs[0]!.blob.arrayBuffer())).toEqual(a);
    const rec = await db.messages.get('m1');
    expect(rec).toMatchObject({ archivedAt: '2026-11-23T10:00:00.000Z', archivedBy: 'Anne Dupont', integrity: 'ok' });
    expect(await isArchived(db, 'm1')).toBe(true);
  });

  it('accepts raw bytes from the fetcher and stores them as a Blob of the declared type', async () => {
    const a = pdfBytes('raw');
    const raw: DocumentFetcher = async () => a.slice().buffer;
    await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: a }]), by: 'A' }, raw);
    const [doc] = await documentsOf(db, 'm1');
    expect(doc).toMatchObject({ digestOk: true, bytes: a.length });
    expect(doc!.blob.type).toBe('application/pdf');
    expect(new Uint8Array(await doc!.blob.arrayBuffer())).toEqual(a);
  });

  it('keeps one copy when archived twice, and the first archived-at', async () => {
    const a = pdfBytes('x');
    served.set('m1/a', a);
    const m = message('m1', {}, [{ id: 'a', bytes: a }]);
    await archiveMessage(db, { message: m, by: 'A' }, fetcher, { now: new Date('2026-11-01T00:00:00Z') });
    const again = await archiveMessage(db, { message: m, by: 'B' }, fetcher, { now: new Date('2026-11-02T00:00:00Z') });
    expect(again).toMatchObject({ newVersions: 0, unchanged: 1 });
    expect(await db.documents.count()).toBe(1);
    expect(await db.messages.get('m1')).toMatchObject({ archivedAt: '2026-11-01T00:00:00.000Z', archivedBy: 'A' });
  });

  it('keeps a changed document as a new version beside the old one', async () => {
    const v1 = pdfBytes('v1'), v2 = pdfBytes('v2');
    served.set('m1/a', v1);
    await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: v1 }]), by: 'A' }, fetcher);
    served.set('m1/a', v2);
    await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: v2 }]), by: 'A' }, fetcher);
    const docs = await documentsOf(db, 'm1');
    expect(docs.map((d) => [d.version, d.sha256])).toEqual([[1, digestOf(v1)], [2, digestOf(v2)]]);
  });

  it('flags a digest mismatch on the document and the message, never as good', async () => {
    const real = pdfBytes('real');
    served.set('m1/a', real);
    const m = message('m1', {}, [{ id: 'a', bytes: real, digest: digestOf(pdfBytes('other')) }]);
    const out = await archiveMessage(db, { message: m, by: 'A' }, fetcher);
    expect(out.mismatches).toEqual(['a.pdf']);
    const [doc] = await documentsOf(db, 'm1');
    expect(doc).toMatchObject({ digestOk: false, expectedSha256: digestOf(pdfBytes('other')), sha256: digestOf(real) });
    expect(await db.messages.get('m1')).toMatchObject({ integrity: 'mismatch' });
  });

  it('flags empty and non-PDF documents declared as PDF', async () => {
    const empty = new Uint8Array(), html = new TextEncoder().encode('<html>not a pdf</html>');
    served.set('m1/a', empty).set('m1/b', html);
    await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: empty }, { id: 'b', bytes: html }]), by: 'A' }, fetcher);
    const docs = await documentsOf(db, 'm1');
    expect(docs.map((d) => d.contentWarning)).toEqual(['empty', 'not-pdf']);
  });

  it('stores a 20 MB document byte for byte', async () => {
    const big = new Uint8Array(20 * 1024 * 1024).map((_, i) => (i * 31) & 255);
    served.set('m1/a', big);
    await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: big, mediaType: 'application/zip' }]), by: 'A' }, fetcher);
    const [doc] = await documentsOf(db, 'm1');
    expect(doc!.bytes).toBe(big.length);
    expect(doc!.digestOk).toBe(true);
  });

  it('does not count a message as archived when a document could not be fetched, and says which', async () => {
    const a = pdfBytes('a');
    served.set('m1/a', a);
    const out = await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: a }, { id: 'gone', bytes: pdfBytes('g') }]), by: 'A' }, fetcher);
    expect(out.status).toBe('partial');
    expect(out.missing).toEqual([{ attachmentId: 'gone', fileName: 'gone.pdf', reason: '404 Not Found' }]);
    expect(await isArchived(db, 'm1')).toBe(false);
    expect((await db.messages.get('m1'))!.missingDocuments).toHaveLength(1);
  });

  it('keeps the labels, tags and note of a message seen before', async () => {
    const m = message('m1');
    await recordSeen(db, [{ message: m }]);
    await db.messages.update('m1', { tags: ['urgent'], note: 'call back' });
    await archiveMessage(db, { message: m, by: 'A' }, fetcher);
    expect(await db.messages.get('m1')).toMatchObject({ tags: ['urgent'], note: 'call back' });
  });

  it('turns a quota error into an error naming what was not saved, and writes nothing', async () => {
    const a = pdfBytes('a');
    served.set('m1/a', a);
    const m = message('m1', {}, [{ id: 'a', bytes: a }]);
    const add = db.documents.add.bind(db.documents);
    db.documents.add = (() => Promise.reject(new DOMException('quota', 'QuotaExceededError'))) as unknown as typeof add;
    const err = await archiveMessage(db, { message: m, by: 'A' }, fetcher).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveStorageError);
    expect((err as ArchiveStorageError).unsaved).toEqual([{ messageId: 'm1', subject: 'Avis de François m1', documents: [{ fileName: 'a.pdf', bytes: a.length }] }]);
    expect((err as Error).message).toContain('a.pdf');
    db.documents.add = add;
    expect(await db.messages.count()).toBe(0);
  });

  it('stops before writing when aborted', async () => {
    const a = pdfBytes('a');
    served.set('m1/a', a);
    const ctl = new AbortController();
    ctl.abort();
    await expect(archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: a }]), by: 'A' }, fetcher, { signal: ctl.signal })).rejects.toThrow();
    expect(await db.messages.count()).toBe(0);
  });
});

describe('seen messages', () => {
  it('lists every seen message soonest expiry first, with its archived state', async () => {
    await recordSeen(db, [
      { message: message('late', { expirationDate: '2027-01-01T00:00:00Z' }) },
      { message: message('soon', { expirationDate: '2026-12-01T00:00:00Z' }) },
    ]);
    await archiveMessage(db, { message: message('late', { expirationDate: '2027-01-01T00:00:00Z' }), by: 'A' }, fetcher);
    const seen = await seenMessages(db);
    expect(seen.map((s) => [s.messageId, s.archived])).toEqual([['soon', false], ['late', true]]);
  });
});
