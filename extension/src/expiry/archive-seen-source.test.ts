// The adapter over the archive's real Dexie store (fake-indexeddb): what it reads, and that it hears changes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { recordSeen } from '../archive/messages.ts';
import { message } from '../archive/test-messages.ts';
import { archiveSeenSource } from './archive-seen-source.ts';

let db: ArchiveDb;
afterEach(async () => {
  await db?.delete();
});

describe('archive store as seen messages', () => {
  it('reads every seen message and the time of the last refresh from the e-Box', async () => {
    db = openArchiveDb(`expiry-${Math.random()}`);
    const source = archiveSeenSource(db);
    expect(await source.read()).toEqual({ messages: [], lastRefreshedAt: null });

    await recordSeen(db, [{ message: message('a', { expirationDate: '2026-11-24T12:00:00+01:00' }) }], new Date('2026-11-23T08:00:00Z'));
    await recordSeen(db, [{ message: message('b') }], new Date('2026-11-23T09:30:00Z'));
    const snapshot = await source.read();
    expect(snapshot.lastRefreshedAt).toBe('2026-11-23T09:30:00.000Z');
    expect(snapshot.messages.find((m) => m.messageId === 'a')).toMatchObject({
      expirationDate: '2026-11-24T12:00:00+01:00',
      senderOrganizationId: '0206731645',
      archived: false,
    });
  });

  it('calls back when messages are seen or archived, and stops when unsubscribed', async () => {
    db = openArchiveDb(`expiry-${Math.random()}`);
    const source = archiveSeenSource(db);
    let changes = 0;
    const stop = source.onChange(() => changes++);
    await recordSeen(db, [{ message: message('a') }]);
    await expect.poll(() => changes).toBeGreaterThanOrEqual(1);
    const before = changes;
    await db.messages.update('a', { archivedAt: '2026-11-23T10:00:00Z' });
    await expect.poll(() => changes).toBeGreaterThan(before);
    expect((await source.read()).messages[0]!.archived).toBe(true);

    stop();
    const after = changes;
    await db.labels.put({ id: 'l', name: 'Tax', color: '#000', enterprise: '*' }); // another table: not a change of messages anyway
    await recordSeen(db, [{ message: message('c') }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(changes).toBe(after);
  });

  it('ignores changes to other tables', async () => {
    db = openArchiveDb(`expiry-${Math.random()}`);
    // Opening (creating) a database invalidates every table once; what follows must not.
    await db.open();
    await new Promise((r) => setTimeout(r, 20));
    let changes = 0;
    archiveSeenSource(db).onChange(() => changes++);
    await db.labels.put({ id: 'l', name: 'Tax', color: '#000', enterprise: '*' });
    await new Promise((r) => setTimeout(r, 50));
    expect(changes).toBe(0);
  });
});
