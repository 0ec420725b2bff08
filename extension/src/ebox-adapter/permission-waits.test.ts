// Requests waiting for a provider's permission: none is lost or doubled while it waits, and only those whose
// origin the user allowed run.
import { describe, expect, it } from 'vitest';
import { addWaiting, readyToRun } from './permission-waits.ts';

const second = 'https://provider-two.example';
const third = 'https://provider-three.example';

describe('archive requests waiting for a permission', () => {
  it('keeps a list asked twice once, and joins the ids asked for the same provider and company', () => {
    let list = addWaiting([], { origin: second, listUrl: `${second}/r/ebox/messages?page=1`, by: 'Ann' });
    list = addWaiting(list, { origin: second, listUrl: `${second}/r/ebox/messages?page=1`, by: 'Bob' });
    expect(list).toEqual([{ origin: second, listUrl: `${second}/r/ebox/messages?page=1`, by: 'Bob' }]);
    list = addWaiting(list, { origin: second, ids: ['a', 'b'], by: 'Ann', enterprise: '0403170701' });
    list = addWaiting(list, { origin: second, ids: ['b', 'c'], by: 'Ann', enterprise: '0403170701' });
    list = addWaiting(list, { origin: second, ids: ['d'], by: 'Cem', enterprise: '0202239951' });
    expect(list.filter((w) => w.ids).map((w) => w.ids)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('runs only what waits for an origin now allowed', () => {
    const list = [
      { origin: second, ids: ['a'], by: 'Ann' },
      { origin: third, ids: ['z'], by: 'Ann' },
    ];
    const { ready, waiting } = readyToRun(list, new Set([second]));
    expect(ready.map((w) => w.ids)).toEqual([['a']]);
    expect(waiting.map((w) => w.ids)).toEqual([['z']]);
    expect(readyToRun(list, new Set()).ready).toEqual([]);
  });
});
