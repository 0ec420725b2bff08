import { describe, expect, it } from 'vitest';
import { DEFAULT_TSA_URL, tsaUrlFrom } from './tsa-config.ts';

describe('the time-stamping authority setting', () => {
  it('is the public qualified TSA out of the box, the flag or EBOX_KEEPER_TSA_URL otherwise, and none on request', () => {
    expect(tsaUrlFrom(undefined, {})).toBe(DEFAULT_TSA_URL);
    expect(DEFAULT_TSA_URL).toMatch(/^https?:\/\//);
    expect(tsaUrlFrom(undefined, { EBOX_KEEPER_TSA_URL: 'http://tsa.example/' })).toBe('http://tsa.example/');
    expect(tsaUrlFrom('http://flag.example/', { EBOX_KEEPER_TSA_URL: 'http://tsa.example/' })).toBe('http://flag.example/');
    expect(tsaUrlFrom('none', {})).toBeUndefined();
    expect(tsaUrlFrom(undefined, { EBOX_KEEPER_TSA_URL: 'NONE' })).toBeUndefined();
  });
});
