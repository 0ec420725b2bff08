// An archive written by the code before companies were recorded (schema version 1, fixtures/archive-v1.json: its
// IndexedDB contents as that code wrote them) opens with the current code with nothing lost: every record, document
// byte, label, rule, job and name is still there, each message "company unknown" until the user assigns it.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchiveDb, type ArchiveDb } from './db.ts';
import { assignCompany, companySummaries } from './companies.ts';
import { applyRules } from '../rules/apply.ts';
import { recordSeen } from './messages.ts';
import { message } from './test-messages.ts';
import { toSearchDoc } from '../search/search-doc.ts';
import { buildIndex, search } from '../search/search-index.ts';
import { scopeIndex } from '../search/persisted-index.ts';

interface Fixture {
  schema: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/archive-v1.json', import.meta.url), 'utf8')) as Fixture;
const rows = (table: string) =>
  fixture.tables[table]!.map((r) => {
    const blob = r.blob as { base64: string; type: string } | undefined;
    return blob ? { ...r, blob: new Blob([Buffer.from(blob.base64, 'base64')], { type: blob.type }) } : r;
  });

async function writeVersion1(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(fixture.schema);
  await old.open();
  for (const table of Object.keys(fixture.tables)) await old.table(table).bulkPut(rows(table));
  old.close();
}

const A = '0412345614';
const B = '0751234514';
let db: ArchiveDb | undefined;
afterEach(async () => db?.delete());

describe('an archive made before companies were recorded', () => {
  it('opens with every record, document and setting kept, under "company unknown"', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    await writeVersion1(name);
    db = openArchiveDb(name);
    const messages = await db.messages.orderBy('messageId').toArray();
    const before = [...fixture.tables.messages!].sort((a, b) => String(a.messageId).localeCompare(String(b.messageId)));
    expect(messages).toHaveLength(3);
    const docs = await db.documents.orderBy('id').toArray();
    messages.forEach((m, i) => {
      const { enterprise, storedBytes, ...rest } = m;
      expect(rest).toEqual(before[i]);
      expect(enterprise).toBe('unknown');
      expect(storedBytes).toBe(docs.filter((d) => d.messageId === m.messageId).reduce((n, d) => n + d.bytes, 0));
    });
    expect(messages.find((m) => m.messageId === 'm1')!.storedBytes).toBeGreaterThan(0);
    // Documents, byte for byte.
    expect(docs).toHaveLength(fixture.tables.documents!.length);
    for (const d of docs) {
      const old = fixture.tables.documents!.find((o) => o.id === d.id)!;
      const { blob: oldBlob, ...oldMeta } = old as { blob: { base64: string } };
      const { blob, ...meta } = d;
      expect(meta).toEqual(oldMeta);
      expect(Buffer.from(await blob.arrayBuffer()).toString('base64')).toBe(oldBlob.base64);
    }
    expect(await db.names.toArray()).toEqual(fixture.tables.names);
    expect(await db.jobs.toArray()).toEqual(fixture.tables.jobs);
    // Labels made for the whole archive stay usable by every company; rules file only mail of unknown company.
    expect((await db.labels.toArray()).map(({ enterprise, ...l }) => (expect(enterprise).toBe('*'), l))).toEqual(fixture.tables.labels);
    expect((await db.rules.toArray()).map(({ enterprise, ...r }) => (expect(enterprise).toBe('unknown'), r))).toEqual(fixture.tables.rules);
    expect(await companySummaries(db)).toEqual([{ key: 'unknown', messages: 3 }]);

    // The search rows exist for every message, and find what the user filed before.
    const index = buildIndex((await db.searchDocs.toArray()).map((s) => toSearchDoc(s, 'fr')));
    expect(index.docs).toHaveLength(3);
    expect(Array.from(search(index, { text: 'comptable', company: 'unknown' }), (i) => index.docs[i]!.messageId)).toEqual(['m2']);
    expect(search(index, { company: A })).toHaveLength(0);
    // The saved search index is new in version 3: built at the first opening, for "company unknown" here.
    const unknown = await scopeIndex(db, 'unknown');
    expect([unknown.docs.length, unknown.reconciled.rebuilt]).toEqual([3, true]);
  });

  it("a migrated rule never files a company's new mail; assigned messages keep their company", async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    await writeVersion1(name);
    db = openArchiveDb(name);
    await recordSeen(db, [{ message: message('new-of-a', { registeredMail: true }), enterprise: A }]);
    const run = await applyRules(db, ['new-of-a']);
    expect(run).toEqual({ filed: 0, toArchive: [] });
    expect((await db.messages.get('new-of-a'))!.tags).toEqual([]);

    await (await scopeIndex(db, 'unknown')).saved;
    expect(await assignCompany(db, ['m1', 'm2', 'new-of-a'], A)).toEqual({ assigned: 2, kept: 1 });
    // Assigned messages leave the saved index of "company unknown" at its next opening; nothing else is redone.
    expect((await scopeIndex(db, 'unknown')).reconciled).toEqual({ rebuilt: false, fresh: 0, dropped: 2 });
    expect(await assignCompany(db, ['m1'], B)).toEqual({ assigned: 0, kept: 1 });
    expect((await db.messages.get('m1'))!.enterprise).toBe(A);
    expect((await db.searchDocs.get('m1'))!.enterprise).toBe(A);
    // Seen again from another company's e-Box, a message keeps the company it has.
    const m1 = (await db.messages.get('m1'))!;
    await recordSeen(db, [{ message: m1.message, enterprise: B }]);
    expect((await db.messages.get('m1'))!.enterprise).toBe(A);
    // Seen from its company's e-Box, a message of unknown company learns it.
    const seenOnly = (await db.messages.get('seen-only'))!;
    await recordSeen(db, [{ message: seenOnly.message, enterprise: B }]);
    expect((await db.messages.get('seen-only'))!.enterprise).toBe(B);
    expect((await companySummaries(db)).map((c) => [c.key, c.messages])).toEqual([[A, 3], [B, 1]]);
  });
});
