import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchiveDb, type ArchiveDb } from './db.ts';
import { cleanTags, fileMessage, UnknownMessageError } from './filing.ts';
import { createLabel, deleteLabel, LabelError, labelPaths } from './labels.ts';
import { recordSeen } from './messages.ts';
import { message } from './test-messages.ts';

let db: ArchiveDb;
beforeEach(() => {
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('labels', () => {
  it('nests labels and shows their full paths', async () => {
    const clients = await createLabel(db, { enterprise: '*', name: 'Clients', color: '#1f6feb' });
    const onss = await createLabel(db, { enterprise: '*', name: 'ONSS', color: '#d73a49', parentId: clients.id });
    expect(labelPaths(await db.labels.toArray()).get(onss.id)).toBe('Clients / ONSS');
  });

  it('refuses bad names, colours, parents and duplicates among siblings', async () => {
    await expect(createLabel(db, { enterprise: '*', name: ' ', color: '#000000' })).rejects.toBeInstanceOf(LabelError);
    await expect(createLabel(db, { enterprise: '*', name: 'a/b', color: '#000000' })).rejects.toThrow('/');
    await expect(createLabel(db, { enterprise: '*', name: 'x', color: 'red;}' })).rejects.toThrow('colour');
    await expect(createLabel(db, { enterprise: '*', name: 'x', color: '#000000', parentId: 'nope' })).rejects.toThrow('parent');
    await createLabel(db, { enterprise: '*', name: 'Taxes', color: '#000000' });
    await expect(createLabel(db, { enterprise: '*', name: 'taxes', color: '#111111' })).rejects.toThrow('already exists');
  });

  it('deleting a label moves its children up and removes it from messages', async () => {
    const a = await createLabel(db, { enterprise: '*', name: 'A', color: '#000000' });
    const b = await createLabel(db, { enterprise: '*', name: 'B', color: '#000000', parentId: a.id });
    await recordSeen(db, [{ message: message('m1') }]);
    await fileMessage(db, 'm1', { labels: [a.id, b.id] });
    await deleteLabel(db, a.id);
    expect((await db.labels.get(b.id))!.parentId).toBeUndefined();
    expect((await db.messages.get('m1'))!.labels).toEqual([b.id]);
  });

  it('cuts a parent cycle instead of looping', () => {
    const paths = labelPaths([{ id: 'x', name: 'X', color: '#000000', parentId: 'y', enterprise: '*' }, { id: 'y', name: 'Y', color: '#000000', parentId: 'x', enterprise: '*' }]);
    expect(paths.get('x')).toBe('Y / X');
  });
});

describe('fileMessage', () => {
  it('sets labels, cleaned tags and a note on a seen message', async () => {
    const l = await createLabel(db, { enterprise: '*', name: 'Taxes', color: '#000000' });
    await recordSeen(db, [{ message: message('m1') }]);
    const r = await fileMessage(db, 'm1', { labels: [l.id], tags: [' Urgent ', 'urgent', 'TVA  2026', ''], note: '<b>not html</b>' });
    expect(r).toMatchObject({ labels: [l.id], tags: ['Urgent', 'TVA 2026'], note: '<b>not html</b>' });
  });

  it('refuses unknown messages and labels', async () => {
    await expect(fileMessage(db, 'nope', { tags: ['x'] })).rejects.toBeInstanceOf(UnknownMessageError);
    await recordSeen(db, [{ message: message('m1') }]);
    await expect(fileMessage(db, 'm1', { labels: ['ghost'] })).rejects.toThrow('Unknown label');
  });

  it('cleanTags keeps the first spelling', () => {
    expect(cleanTags(['Été', 'été', 'ETE'])).toEqual(['Été', 'ETE']);
  });
});
