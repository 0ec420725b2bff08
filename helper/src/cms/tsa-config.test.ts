import { describe, expect, it } from 'vitest';
import { tsaUrlFrom } from './tsa-config.ts';

describe('the time-stamping authority setting', () => {
  it('is the flag, else EBOX_KEEPER_TSA_URL, else none: the helper never picks a TSA nobody configured', () => {
    expect(tsaUrlFrom(undefined, {})).toBeUndefined();
    expect(tsaUrlFrom(undefined, { EBOX_KEEPER_TSA_URL: 'http://tsa.example/' })).toBe('http://tsa.example/');
    expect(tsaUrlFrom('http://flag.example/', { EBOX_KEEPER_TSA_URL: 'http://tsa.example/' })).toBe('http://flag.example/');
    expect(tsaUrlFrom('none', { EBOX_KEEPER_TSA_URL: 'http://tsa.example/' })).toBeUndefined();
    expect(tsaUrlFrom(undefined, { EBOX_KEEPER_TSA_URL: 'NONE' })).toBeUndefined();
  });
});
