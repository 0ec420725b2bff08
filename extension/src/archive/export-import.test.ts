import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Zip, ZipDeflate } from 'fflate';
import { archiveMessage, type DocumentFetcher } from './archive-message.ts';
import { openArchiveDb, type ArchiveDb } from './db.ts';
import { exportArchive } from './export-archive.ts';
import { fileMessage } from './filing.ts';
import { ImportError, importArchive } from './import-archive.ts';
import { createLabel } from './labels.ts';
import { recordSeen } from './messages.ts';
import { message, pdfBytes } from './test-messages.ts';
import { readZip, zipToBlob } from './zip-stream.ts';

const A = '0412345614';
const B = '0751234514';
let a: ArchiveDb, b: ArchiveDb;
let served: Map<string, Uint8Array>;
const fetcher: DocumentFetcher = async (m, d) => new Blob([served.get(`${m.messageId}/${d.attachmentId}`)! as BlobPart]);

async function snapshot(db: ArchiveDb) {
  const docs = await db.documents.orderBy('id').toArray();
  return {
    messages: await db.messages.orderBy('messageId').toArray(),
    labels: await db.labels.orderBy('id').toArray(),
    names: await db.names.toArray(),
    documents: await Promise.all(docs.map(async ({ blob, ...d }) => ({ ...d, bytes: Buffer.from(await blob.arrayBuffer()).toString('base64') }))),
  };
}

async function fill(db: ArchiveDb) {
  const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) & 255);
  served = new Map([['m1/a', pdfBytes('one')], ['m1/b', big], ['m2/a', pdfBytes('two')]]);
  const label = await createLabel(db, { enterprise: '*', name: 'Fiscalité', color: '#aa3300' });
  await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: served.get('m1/a')! }, { id: 'b', bytes: big, mediaType: 'application/zip' }]), by: 'Anne', enterprise: A }, fetcher);
  served.set('m1/a', pdfBytes('one, corrected'));
  await archiveMessage(db, { message: message('m1', {}, [{ id: 'a', bytes: served.get('m1/a')! }, { id: 'b', bytes: big, mediaType: 'application/zip' }]), by: 'Anne' }, fetcher);
  await archiveMessage(db, { message: message('m2', {}, [{ id: 'a', bytes: served.get('m2/a')! }]), by: 'Bob', enterprise: B }, fetcher);
  await recordSeen(db, [{ message: message('seen-only'), enterprise: A }]);
  await fileMessage(db, 'm1', { labels: [label.id], tags: ['été'], note: 'à vérifier' });
  await db.names.put({ key: 'org:0206731645', name: { fr: 'ONSS' } });
}

beforeEach(() => {
  a = openArchiveDb(`a-${crypto.randomUUID()}`);
  b = openArchiveDb(`b-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await a.delete();
  await b.delete();
});

describe('export and import', () => {
  it('export, wipe, import gives an identical archive', async () => {
    await fill(a);
    const before = await snapshot(a);
    expect(before.documents).toHaveLength(4);
    const { blob, manifest } = await exportArchive(a);
    expect(manifest).toMatchObject({ messages: 3, documents: 4 });
    await a.delete();
    a = openArchiveDb(a.name);
    const report = await importArchive(a, blob);
    expect(report).toEqual({ newMessages: 3, updatedMessages: 0, newDocuments: 4, presentDocuments: 0, otherCompany: 0 });
    expect(await snapshot(a)).toEqual(before);
  });

  it('importing twice, or into an archive that has the same messages, adds no duplicates', async () => {
    await fill(a);
    const { blob } = await exportArchive(a);
    await importArchive(b, blob);
    const once = await snapshot(b);
    expect(await importArchive(b, blob)).toEqual({ newMessages: 0, updatedMessages: 3, newDocuments: 0, presentDocuments: 4, otherCompany: 0 });
    const twice = await snapshot(b);
    for (const k of Object.keys(once) as (keyof typeof once)[]) expect([k, JSON.stringify(twice[k])]).toEqual([k, JSON.stringify(once[k])]);
    expect(twice).toEqual(once);
    expect(await importArchive(a, blob)).toMatchObject({ newDocuments: 0, presentDocuments: 4 });
  });

  it("exports one company's mail only, each document under a readable name", async () => {
    await fill(a);
    const { blob, manifest } = await exportArchive(a, { companies: A });
    expect(manifest).toMatchObject({ companies: A, messages: 2, documents: 3 });
    const names: string[] = [];
    await readZip(blob, (name) => void names.push(name));
    expect(names.filter((n) => n.startsWith('documents/')).sort()).toEqual([
      'documents/2026-11-01 Avis de François m1/a (v1).pdf',
      'documents/2026-11-01 Avis de François m1/a (v2).pdf',
      'documents/2026-11-01 Avis de François m1/b.pdf',
    ]);
    await importArchive(b, blob);
    expect((await b.messages.toArray()).map((m) => [m.messageId, m.enterprise]).sort()).toEqual([['m1', A], ['seen-only', A]]);
  });

  it('never attaches a message to another company than the one the archive has it under', async () => {
    await fill(a);
    const { blob } = await exportArchive(a);
    // In archive b, m2 is known as A's mail (seen in A's e-Box); the file says B's.
    await recordSeen(b, [{ message: message('m2'), enterprise: A }]);
    const report = await importArchive(b, blob);
    expect(report).toMatchObject({ newMessages: 2, updatedMessages: 0, otherCompany: 1 });
    expect((await b.messages.get('m2'))!.enterprise).toBe(A);
    expect(await b.documents.where('messageId').equals('m2').count()).toBe(0);
  });

  it('merges filing and keeps a changed document as a new version', async () => {
    await fill(a);
    const { blob } = await exportArchive(a);
    served = new Map([['m2/a', pdfBytes('two, other copy')]]);
    await archiveMessage(b, { message: message('m2', {}, [{ id: 'a', bytes: served.get('m2/a')! }]), by: 'Carl' }, fetcher);
    await fileMessage(b, 'm2', { tags: ['mine'] });
    await importArchive(b, blob);
    const m2 = await b.messages.get('m2');
    expect(m2!.tags).toEqual(['mine']);
    const versions = await b.documents.where('messageId').equals('m2').sortBy('version');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a file whose document does not match its checksum, and writes nothing', async () => {
    await fill(a);
    const { blob } = await exportArchive(a);
    const entries: { name: string; data: Blob }[] = [];
    await readZip(blob, (name, data) => void entries.push({ name, data }));
    const tampered = entries.map((e) => (e.name.startsWith('documents/') && e.data.size < 100 ? { ...e, data: new Blob(['%PDF-1.7 forged']) } : e));
    const err = await importArchive(b, await zipToBlob(tampered)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/checksum does not match/);
    expect(await b.messages.count()).toBe(0);
    expect(await b.documents.count()).toBe(0);
  });

  it('refuses files that are not exports, or are truncated or unsafe', async () => {
    await expect(importArchive(b, new Blob(['not a zip at all']))).rejects.toThrow();
    await expect(importArchive(b, await zipToBlob([{ name: 'hello.txt', data: 'x' }]))).rejects.toThrow('manifest.json is missing');
    const { blob } = await (async () => {
      await fill(a);
      return exportArchive(a);
    })();
    await expect(importArchive(b, blob.slice(0, blob.size - 5000))).rejects.toThrow();
    const parts: Uint8Array[] = [];
    const zip = new Zip((_e, c) => parts.push(c));
    const evil = new ZipDeflate('../../etc/passwd', { level: 0 });
    zip.add(evil);
    evil.push(new TextEncoder().encode('x'), true);
    zip.end();
    await expect(importArchive(b, new Blob(parts as BlobPart[]))).rejects.toThrow('unsafe entry name');
    expect(await b.messages.count()).toBe(0);
  });
});
