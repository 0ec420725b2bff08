import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentFetcher } from '../archive/archive-message.ts';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { isArchived, recordSeen } from '../archive/messages.ts';
import { message, pdfBytes, wireMessage } from '../archive/test-messages.ts';
import { normaliseMessage } from '../../../shared/ebox/normalise.ts';
import { chooseUnreadRegistered, newJob, runJob, timeLeftMs, type BulkJob, type JobDeps } from './bulk-job.ts';

let db: ArchiveDb;
const fetched: string[] = [];
const fetchDocument: DocumentFetcher = async (m, d) => {
  fetched.push(`${m.messageId}/${d.attachmentId}`);
  return new Blob([pdfBytes(m.messageId) as BlobPart]);
};
const docsOf = (id: string) => [{ id: 'a', bytes: pdfBytes(id) }];

function deps(over: Partial<JobDeps> = {}): JobDeps {
  return {
    db,
    fetchDocument,
    listPage: async () => ({ items: [], last: true }),
    onProgress: () => {},
    concurrency: 2,
    ...over,
  };
}

beforeEach(() => {
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
  fetched.length = 0;
});
afterEach(() => db.delete());

describe('bulk archive job', () => {
  it('archives every selected message and reports progress in messages and bytes', async () => {
    const ids = ['m1', 'm2', 'm3'];
    await recordSeen(db, ids.map((id) => ({ message: message(id, {}, docsOf(id)) })));
    const job = newJob({ ids, by: 'Anne' });
    await db.jobs.put(job);
    const progress: BulkJob[] = [];
    const done = await runJob(deps({ onProgress: (j) => progress.push(structuredClone(j)) }), job.id, new AbortController().signal);
    expect(done).toMatchObject({ status: 'done', done: 3, total: 3, pending: [], failed: [] });
    expect(done.bytes).toBe(ids.reduce((n, id) => n + pdfBytes(id).length, 0));
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 3]);
    for (const id of ids) expect(await isArchived(db, id)).toBe(true);
  });

  it('resumes from its persisted state after the worker stopped mid-way, without duplicates', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `m${i}`);
    await recordSeen(db, ids.map((id) => ({ message: message(id, {}, docsOf(id)) })));
    const job = newJob({ ids, by: 'Anne' });
    await db.jobs.put(job);
    // "Stop the worker" after 3 messages: abort without any chance to write a final status.
    const stop = new AbortController();
    await runJob(deps({ concurrency: 1, onProgress: (j) => j.done === 3 && stop.abort() }), job.id, stop.signal);
    // Progress is saved every half second: what was saved is a consistent state, never a half-written one.
    const persisted = (await db.jobs.get(job.id))!;
    expect(persisted.status).toBe('running');
    expect(persisted.done + persisted.pending.length).toBe(6);
    const resumed = await runJob(deps(), job.id, new AbortController().signal);
    expect(resumed).toMatchObject({ status: 'done', done: 6, pending: [] });
    expect(await db.documents.count()).toBe(6);
    // Messages archived before the stop are skipped on resume, not fetched again.
    expect(fetched).toHaveLength(6);
    expect(new Set(fetched).size).toBe(6);
  });

  it('walks "everything matching the filter" page by page, skipping what is archived', async () => {
    const wire = (id: string) => wireMessage(id, {}, docsOf(id));
    const pages = [['p1', 'p2'], ['p3']];
    await recordSeen(db, [{ message: message('p2', {}, docsOf('p2')) }]);
    await runJob(deps(), await (async () => {
      const j = newJob({ ids: ['p2'], by: 'x' });
      await db.jobs.put(j);
      return j.id;
    })(), new AbortController().signal);
    const job = newJob({ listUrl: 'https://registry.example/ebox/messages?registeredMail=true', by: 'Anne' });
    await db.jobs.put(job);
    const asked: number[] = [];
    const done = await runJob(
      deps({
        listPage: async (_url, page) => {
          asked.push(page);
          const items = (pages[page - 1] ?? []).map((id) => ({ message: normaliseMessage(wire(id)), wire: wire(id), registryBase: 'https://registry.example' }));
          return { items, totalItems: 3, last: page >= pages.length };
        },
      }),
      job.id,
      new AbortController().signal,
    );
    expect(asked).toEqual([1, 2]);
    expect(done).toMatchObject({ status: 'done', total: 2, done: 2 });
    expect((await db.messages.get('p3'))!.registryBase).toBe('https://registry.example');
  });

  it('records failures per message and goes on', async () => {
    await recordSeen(db, [{ message: message('ok', {}, docsOf('ok')) }, { message: message('bad', {}, docsOf('bad')) }]);
    const job = newJob({ ids: ['bad', 'ok', 'unknown'], by: 'A' });
    await db.jobs.put(job);
    const failing: DocumentFetcher = async (m, d) => {
      if (m.messageId === 'bad') throw new Error('401 Unauthorized');
      return fetchDocument(m, d);
    };
    const done = await runJob(deps({ fetchDocument: failing }), job.id, new AbortController().signal);
    expect(done.status).toBe('done');
    expect(done.failed.map((f) => f.messageId).sort()).toEqual(['bad', 'unknown']);
    expect(done.failed.find((f) => f.messageId === 'bad')!.reason).toContain('401');
  });

  it('a cancelled job keeps its cancelled status and says what was archived before the stop', async () => {
    await recordSeen(db, [{ message: message('m1', {}, docsOf('m1')) }, { message: message('m2', {}, docsOf('m2')) }]);
    const job = newJob({ ids: ['m1', 'm2'], by: 'A' });
    await db.jobs.put(job);
    const ctl = new AbortController();
    const done = await runJob(
      deps({
        concurrency: 1,
        onProgress: () => {
          void db.jobs.update(job.id, { status: 'cancelled' }).then(() => ctl.abort());
        },
      }),
      job.id,
      ctl.signal,
    );
    expect(done.status).toBe('cancelled');
    // What the job reports (and stores) is what the archive holds, not the count of its last periodic save.
    const archived = (await db.messages.bulkGet(['m1', 'm2'])).filter((r) => r?.archivedAt).length;
    expect(archived).toBeGreaterThan(0);
    expect(done.done - done.failed.length).toBe(archived);
    expect((await db.jobs.get(job.id))!.done).toBe(done.done);
  });

  it('estimates time left from its own pace', () => {
    const j = { ...newJob({ ids: ['a', 'b', 'c', 'd'], by: 'x' }), done: 2, activeMs: 1000, pending: ['c', 'd'] };
    expect(timeLeftMs(j)).toBe(1000);
  });

  it('waits before opening unread registered mail; "skip" leaves it unopened, "acknowledge" writes each opening down before its first fetch', async () => {
    await recordSeen(db, [
      { message: message('plain', {}, docsOf('plain')) },
      { message: message('unread', { registeredMail: true, readStatus: false }, docsOf('unread')) },
      { message: message('read', { registeredMail: true, readStatus: true }, docsOf('read')) },
    ]);
    const openings: string[] = [];
    const d = deps({ onOpening: async (r) => void openings.push(`${r.messageId} before ${fetched.filter((f) => f.startsWith(`${r.messageId}/`)).length} fetches`) });
    const job = newJob({ ids: ['plain', 'unread', 'read'], by: 'Anne' });
    await db.jobs.put(job);
    const waiting = await runJob(d, job.id, new AbortController().signal);
    expect(waiting).toMatchObject({ status: 'awaiting-choice', awaiting: ['unread'], done: 0 });
    expect(fetched).toEqual([]);

    const skipped = chooseUnreadRegistered(waiting, 'skip');
    await db.jobs.put(skipped);
    const done = await runJob(d, job.id, new AbortController().signal);
    expect(done).toMatchObject({ status: 'done', skipped: ['unread'], total: 2, done: 2 });
    expect(await isArchived(db, 'unread')).toBe(false);
    // A read registered message is still opened by the fetch: its opening is written down first.
    expect(openings).toEqual(['read before 0 fetches']);

    const again = newJob({ ids: ['unread'], by: 'Anne' });
    await db.jobs.put(again);
    await db.jobs.put(chooseUnreadRegistered(await runJob(d, again.id, new AbortController().signal), 'acknowledge'));
    expect(await runJob(d, again.id, new AbortController().signal)).toMatchObject({ status: 'done', done: 1, unreadRegistered: 'acknowledge' });
    expect(openings).toEqual(['read before 0 fetches', 'unread before 0 fetches']);
    expect(() => chooseUnreadRegistered(done, 'acknowledge')).toThrow(/not waiting/);
  });
});
