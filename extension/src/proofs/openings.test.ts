// The opening log and what a receipt says of an opening: the first fetch wins whoever made it and in whatever order
// the news arrives, concurrent records never lose one, a late receipt gives both times and why, and the opener is a
// person or nobody named for the company, never someone seen in another company's e-Box.
import { describe, expect, it } from 'vitest';
import type { MessageOpening } from '../ebox-adapter/page-facts.ts';
import { createOpeningLog, LATE_AFTER_MS, openerOf, receiptParty, receiptTiming, type OpeningEntry, type OpeningStore } from './openings.ts';

function memoryStore(): OpeningStore & { saves: number } {
  let kept: Record<string, OpeningEntry> = {};
  const store = {
    saves: 0,
    load: async () => structuredClone(kept),
    save: async (entries: Record<string, OpeningEntry>) => {
      store.saves++;
      kept = structuredClone(entries);
    },
  };
  return store;
}

const acme = { cbe: '0403170701', name: 'Acme' };
const other = { cbe: '0202239951', name: 'Other' };
const opening = (messageId: string, at: string, by: MessageOpening['by'] = 'page'): MessageOpening => ({ base: 'https://registry.example/v2', messageId, at, by, enterprise: acme });

describe('opening log', () => {
  it('keeps the first opening, even when a later one is reported first', async () => {
    const log = createOpeningLog(memoryStore());
    await log.record(opening('m1', '2026-11-20T10:00:05.000Z', 'job'));
    const first = await log.record(opening('m1', '2026-11-20T10:00:01.000Z', 'page'));
    expect(first).toMatchObject({ at: '2026-11-20T10:00:01.000Z', by: 'page' });
    const again = await log.record(opening('m1', '2026-11-20T11:00:00.000Z', 'rule'));
    expect(again).toMatchObject({ at: '2026-11-20T10:00:01.000Z', by: 'page' });
  });

  it('loses no opening when many are recorded at once, and writes only when something changed', async () => {
    const store = memoryStore();
    const log = createOpeningLog(store);
    await Promise.all(Array.from({ length: 30 }, (_, i) => log.record(opening(`m${i}`, new Date(Date.now() - i * 1000).toISOString()))));
    expect((await log.pending()).length).toBe(30);
    const saves = store.saves;
    await log.record(opening('m3', new Date().toISOString()));
    expect(store.saves).toBe(saves);
  });

  it('a user\'s "archive and acknowledge" is kept even if the page opened it first', async () => {
    const log = createOpeningLog(memoryStore());
    await log.record(opening('m1', '2026-11-20T10:00:00.000Z'));
    expect((await log.record(opening('m1', '2026-11-20T10:05:00.000Z', 'job'), 'chosen')).consent).toBe('chosen');
    expect((await log.get('m1'))?.at).toBe('2026-11-20T10:00:00.000Z');
  });

  it('remembers the kind and the failure, forgets once done, gives up on very old openings', async () => {
    const log = createOpeningLog(memoryStore());
    await log.record(opening('m1', new Date().toISOString()));
    await log.record(opening('ancient', '2024-01-01T00:00:00.000Z'));
    await log.classify('m1', 'qualified');
    await log.failed('m1', 'helper-unavailable', 'connection refused');
    expect(await log.get('m1')).toMatchObject({ kind: 'qualified', failure: { reason: 'helper-unavailable', message: 'connection refused' } });
    expect((await log.pending()).map((e) => e.messageId)).toEqual(['m1']);
    await log.forget('m1');
    expect(await log.pending()).toEqual([]);
  });
});

describe('receipt timing', () => {
  const at = '2026-11-20T10:00:00.000Z';
  it('on time: only the opening time', () => {
    expect(receiptTiming({ at }, new Date(Date.parse(at) + LATE_AFTER_MS))).toEqual({ openedAt: at });
  });
  it('late: both times and the recorded reason', () => {
    const now = new Date(Date.parse(at) + 3_600_000);
    expect(receiptTiming({ at, failure: { at, reason: 'helper-not-paired', message: 'not paired' } }, now)).toEqual({
      openedAt: at,
      late: { acknowledgedAt: now.toISOString(), reason: 'helper-not-paired' },
    });
  });
  it('late with no failure recorded: the browser stopped before it finished', () => {
    expect(receiptTiming({ at }, new Date(Date.parse(at) + LATE_AFTER_MS + 1)).late?.reason).toBe('browser-stopped');
  });
});

describe('who opened it', () => {
  it('the person seen in the app, else the name given in the options, else nobody named', () => {
    expect(openerOf('Anne Dupont', 'Bob')).toEqual({ kind: 'person', name: 'Anne Dupont' });
    expect(openerOf(undefined, ' Bob ')).toEqual({ kind: 'person', name: 'Bob' });
    expect(openerOf('  ', '')).toEqual({ kind: 'unknown-for-company' });
  });
  it('the message\'s company wins, and a person seen in another company is not named', () => {
    expect(receiptParty({ enterprise: acme, person: 'Anne' }, acme, undefined)).toEqual({ enterprise: acme, opener: { kind: 'person', name: 'Anne' } });
    expect(receiptParty({ enterprise: other, person: 'Anne' }, acme, 'Bob')).toEqual({ enterprise: acme, opener: { kind: 'unknown-for-company' } });
    expect(receiptParty({ person: 'Anne' }, undefined, undefined)).toEqual({ opener: { kind: 'person', name: 'Anne' } });
  });
});
