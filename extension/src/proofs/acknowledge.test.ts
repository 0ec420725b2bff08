// Acknowledging against the real helper, with the real archive (fake IndexedDB): the message is archived first, its
// documents kept in the helper, the receipt made once whether two calls race or a restarted worker asks again, and
// nothing made when a document cannot be downloaded.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveMessage, type DocumentFetcher } from '../archive/archive-message.ts';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { recordSeen } from '../archive/messages.ts';
import { digestOf, message, pdfBytes } from '../archive/test-messages.ts';
import { createAcknowledger, type AcknowledgeDeps } from './acknowledge.ts';
import type { Opening } from './proofs-api.ts';
import { pairedHelper, type PairedHelper } from './test-helper.ts';

let paired: PairedHelper;
let db: ArchiveDb;
let served: Map<string, Uint8Array>;
let archived: number;

beforeAll(async () => {
  paired = await pairedHelper();
});
afterAll(() => paired.stop());
beforeEach(() => {
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
  served = new Map();
  archived = 0;
});
afterEach(() => db.delete());

const fetcher: DocumentFetcher = async (m, d) => {
  const bytes = served.get(`${m.messageId}/${d.attachmentId}`);
  if (!bytes) throw new Error('404 Not Found');
  return new Blob([bytes as BlobPart], { type: d.mediaType });
};

const deps = (): AcknowledgeDeps => ({
  db,
  archive: async (messageId, by = 'e-Box Keeper') => {
    archived++;
    const r = (await db.messages.get(messageId))!;
    return archiveMessage(db, { message: r.message, names: r.names, by }, fetcher);
  },
});

async function seenRegistered(id: string, docs: { id: string; bytes: Uint8Array }[]) {
  for (const d of docs) served.set(`${id}/${d.id}`, d.bytes);
  await recordSeen(db, [{ message: message(id, { registeredMail: true }, docs), names: {} }]);
}

const opening = (messageId: string): Opening => ({ messageId, kind: 'registered', openedAt: new Date().toISOString(), opener: { kind: 'person', name: 'Anne Dupont' }, language: 'fr' });

describe('acknowledge a registered message', () => {
  it('archives it, keeps its documents in the helper and makes one receipt, even for two calls at once', async () => {
    const main = pdfBytes('mise en demeure'), annex = pdfBytes('annexe');
    await seenRegistered('reg-1', [{ id: 'a', bytes: main }, { id: 'b', bytes: annex }]);
    const acknowledge = createAcknowledger(deps());
    const [first, second] = await Promise.all([acknowledge(paired.client, opening('reg-1')), acknowledge(paired.client, opening('reg-1'))]);
    expect(second.receiptId).toBe(first.receiptId);
    expect(archived).toBe(1);
    expect((await db.messages.get('reg-1'))?.archivedBy).toBe('Anne Dupont');
    expect(first.receipt.documents.map((d) => [d.fileName, d.sha256, d.digestCheck])).toEqual([
      ['a.pdf', digestOf(main), 'match'],
      ['b.pdf', digestOf(annex), 'match'],
    ]);
    expect((await paired.client.storeDocument(digestOf(main), main)).alreadyStored).toBe(true);

    // A restarted service worker (a fresh acknowledger) finds the receipt instead of making another.
    const again = await createAcknowledger(deps())(paired.client, opening('reg-1'));
    expect(again.receiptId).toBe(first.receiptId);
    expect(archived).toBe(1);
    expect((await paired.client.receiptsForMessage('reg-1')).map((r) => r.receiptId)).toEqual([first.receiptId]);
  });

  it('makes no receipt when a document cannot be downloaded, and says which', async () => {
    await seenRegistered('reg-2', [{ id: 'a', bytes: pdfBytes('x') }]);
    served.delete('reg-2/a');
    await expect(createAcknowledger(deps())(paired.client, opening('reg-2'))).rejects.toThrow(/a\.pdf \(404 Not Found\)/);
    expect(await paired.client.receiptsForMessage('reg-2')).toEqual([]);
  });
});
