// A tab's facts from the registry answers alone: the list and its filter, the open message (detail or an opening),
// closed again when the app goes back to a list, a registry's bad answer said, and the header's company only as a
// last resort and only when it is a real CBE number.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../ebox-adapter/registry-observations.ts';
import { message } from '../archive/test-messages.ts';
import { applyHeaderCompany, applyObservation, emptyFacts } from './tab-facts.ts';

const base = 'https://registry.example/REST/ebox/enterprise/messageRegistry/v2';
const now = new Date('2026-11-20T10:00:00.000Z');
const list = (ids: string[], listUrl = `${base}/ebox/messages?page=1&registeredMail=true`): Observation => ({
  kind: 'messages',
  base,
  listUrl,
  messages: ids.map((id) => ({ message: message(id), wire: {} })),
  errors: [],
  totalItems: 40,
});

describe('tab facts', () => {
  it('lists what the app listed, with its filter, and follows the open message until back on a list', () => {
    let f = applyObservation(emptyFacts(7, 'https://app/messages', now), list(['a', 'b']), 'https://app/messages', now);
    expect(f.listed).toEqual({ base, listUrl: `${base}/ebox/messages?page=1&registeredMail=true`, ids: ['a', 'b'], totalItems: 40 });
    expect(f.registries).toEqual([{ base, permitted: true }]);
    f = applyObservation(f, { kind: 'opened', base, messageId: 'b', at: now.toISOString() }, 'https://app/messages/b', now);
    expect(f.open).toEqual({ base, messageId: 'b' });
    // The app refreshes the list while the message is still open (its address names it): still open.
    f = applyObservation(f, list(['a', 'b']), 'https://app/messages/b', now);
    expect(f.open?.messageId).toBe('b');
    f = applyObservation(f, list(['c']), 'https://app/messages?page=2', now);
    expect(f.open).toBeUndefined();
    expect(f.listed?.ids).toEqual(['c']);
  });

  it('says which registry answered what it could not read', () => {
    const f = applyObservation(emptyFacts(7, '', now), { kind: 'malformed', base, errors: ['items: expected an array'] }, 'https://app/', now);
    expect(f.registries).toEqual([{ base, permitted: true, problem: 'items: expected an array' }]);
  });

  it('takes the header\'s company only as a valid CBE number and never over one from the data', () => {
    const f = emptyFacts(7, '', now);
    expect(applyHeaderCompany(f, { name: 'Acme', cbe: '0403.170.701' }).enterprise).toEqual({ cbe: '0403170701', name: 'Acme', source: 'header' });
    expect(applyHeaderCompany(f, { name: 'Acme', cbe: '0403.170.702' }).enterprise).toBeUndefined();
    const fromData = { ...f, enterprise: { cbe: '0202239951', name: 'Other', source: 'data' as const } };
    expect(applyHeaderCompany(fromData, { name: 'Acme', cbe: '0403170701' }).enterprise?.cbe).toBe('0202239951');
  });
});
