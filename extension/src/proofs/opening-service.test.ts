// From an opening to its receipt, against the real helper and the real archive (fake IndexedDB): the receipt states
// the first opening's time even when made much later (and then says when and why), an opening seen before the
// message's data waits for it, a message that is not registered is dropped, and the setting off keeps the opening
// for "acknowledge now", which uses its time.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archiveMessage, type DocumentFetcher } from '../archive/archive-message.ts';
import { openArchiveDb, type ArchiveDb } from '../archive/db.ts';
import { recordSeen } from '../archive/messages.ts';
import { message, pdfBytes } from '../archive/test-messages.ts';
import { createAcknowledger } from './acknowledge.ts';
import { createOpeningService, trustedOpeningTime } from './opening-service.ts';
import { createOpeningLog, type OpeningEntry } from './openings.ts';
import { pairedHelper, type PairedHelper } from './test-helper.ts';

let paired: PairedHelper;
let db: ArchiveDb;
let kept: Record<string, OpeningEntry>;
let clock: Date;
let helperUp: boolean;
let acknowledgeOnOpen: boolean;

beforeAll(async () => {
  paired = await pairedHelper();
});
afterAll(() => paired.stop());
beforeEach(() => {
  db = openArchiveDb(`t-${crypto.randomUUID()}`);
  kept = {};
  clock = new Date();
  helperUp = true;
  acknowledgeOnOpen = true;
});
afterEach(() => db.delete());

const fetcher: DocumentFetcher = async (m) => new Blob([pdfBytes(m.messageId) as BlobPart], { type: 'application/pdf' });

function service() {
  const log = createOpeningLog({ load: async () => structuredClone(kept), save: async (e) => void (kept = structuredClone(e)) });
  return createOpeningService({
    db,
    log,
    acknowledge: createAcknowledger({
      db,
      archive: async (id, by = 'e-Box Keeper') => {
        const r = (await db.messages.get(id))!;
        return archiveMessage(db, { message: r.message, names: r.names, by }, fetcher);
      },
    }),
    helper: async () => (helperUp ? paired.client : undefined),
    settings: async () => ({ acknowledgeOnOpen, nameOnReceipts: 'Anne Dupont' }),
    language: async () => 'fr',
    now: () => clock,
  });
}

const acme = { cbe: '0403170701', name: 'Acme' };
const seen = (id: string, over: Record<string, unknown> = { registeredMail: true }) => recordSeen(db, [{ message: message(id, over, [{ id: 'a', bytes: pdfBytes(id) }]), names: {} }]);
const opening = (messageId: string, at: Date) => ({ base: 'https://registry.example/v2', messageId, at: at.toISOString(), by: 'page' as const, enterprise: acme });

describe('opening service', () => {
  it('acknowledges at once with the opening time, the name from the options and the company', async () => {
    const id = `m-${crypto.randomUUID()}`;
    await seen(id);
    const at = new Date(clock.getTime() - 1000);
    expect(await service().opened(opening(id, at))).toBe('acknowledged');
    const [r] = await paired.client.receiptsForMessage(id);
    expect(r!.receipt.openedAt).toBe(at.toISOString());
    expect(r!.receipt.openedBy.name).toBe('Anne Dupont');
    expect(r!.receipt.message.recipientEnterpriseId).toBe(acme.cbe);
    expect(kept).toEqual({});
  });

  it('without the helper, keeps the opening and its reason; later, the receipt still states the first opening', async () => {
    const id = `m-${crypto.randomUUID()}`;
    await seen(id);
    const at = new Date(clock);
    helperUp = false;
    const s = service();
    expect(await s.opened(opening(id, at))).toBe('failed');
    expect(kept[id]).toMatchObject({ at: at.toISOString(), failure: { reason: 'helper-not-paired' } });
    // A later opening (the page again, an hour on) does not move the time.
    clock = new Date(at.getTime() + 3_600_000);
    await s.record(opening(id, clock));
    helperUp = true;
    await s.retryAll();
    const [r] = await paired.client.receiptsForMessage(id);
    expect(r!.receipt.openedAt).toBe(at.toISOString());
    expect(kept).toEqual({});
  });

  it('waits for the message\'s data, and drops the opening of a message that is not registered', async () => {
    const id = `m-${crypto.randomUUID()}`;
    const plain = `p-${crypto.randomUUID()}`;
    const s = service();
    expect(await s.opened(opening(id, clock))).toBe('waiting-for-data');
    expect(await s.opened(opening(plain, clock))).toBe('waiting-for-data');
    await seen(id);
    await seen(plain, { registeredMail: false });
    await s.seen([id, plain]);
    expect(await paired.client.receiptsForMessage(id)).toHaveLength(1);
    expect(await paired.client.receiptsForMessage(plain)).toEqual([]);
    expect(kept).toEqual({});
  });

  it('setting off: nothing made on opening; "acknowledge now" uses the opening\'s time', async () => {
    const id = `m-${crypto.randomUUID()}`;
    await seen(id);
    acknowledgeOnOpen = false;
    const at = new Date(clock);
    const s = service();
    expect(await s.opened(opening(id, at))).toBe('failed');
    expect(kept[id]?.failure?.reason).toBe('acknowledge-off');
    clock = new Date(at.getTime() + 600_000);
    expect(await s.settle(id, true)).toBe('acknowledged');
    const [r] = await paired.client.receiptsForMessage(id);
    expect(r!.receipt.openedAt).toBe(at.toISOString());
    expect(await s.settle(id, true)).toBe('already');
  });

  it('trusts a page\'s opening time only when it is not in the future nor long before it was reported', () => {
    const now = new Date('2026-11-20T10:00:00.000Z');
    expect(trustedOpeningTime('2026-11-20T09:59:58.000Z', now)).toBe('2026-11-20T09:59:58.000Z');
    expect(trustedOpeningTime('2026-11-20T10:00:05.000Z', now)).toBe(now.toISOString());
    expect(trustedOpeningTime('2026-11-19T10:00:00.000Z', now)).toBe(now.toISOString());
    expect(trustedOpeningTime('not a date', now)).toBe(now.toISOString());
  });
});
