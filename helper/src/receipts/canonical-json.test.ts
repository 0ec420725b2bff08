import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';

describe('RFC 8785 canonical JSON', () => {
  it('sorts keys by UTF-16 code units at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    // RFC 8785 3.2.3 example: "\u20ac" sorts after "\r" and before "\ud83d\ude00" by code units.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4 })).toBe('{"\\r":2,"1":4,"€":1,"😀":3}');
  });

  it('orders array-index keys as strings, not as JavaScript lists them', () => {
    expect(canonicalJson({ b: { 10: 'ten', 9: 'nine', a: 0 }, a: [{ 2: 2, 10: 10 }] })).toBe('{"a":[{"10":10,"2":2}],"b":{"10":"ten","9":"nine","a":0}}');
  });

  it('writes numbers and strings the ECMAScript way', () => {
    expect(canonicalJson([1e21, 0.000001, -0, 333333333.3333333, 'é\n"'])).toBe('[1e+21,0.000001,0,333333333.3333333,"é\\n\\""]');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ 1: 'x', f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ 1: 'x', n: Infinity })).toThrow(TypeError);
  });

  it('agrees with a member-by-member reference on any JSON value', () => {
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lone surrogates', () => {
  it('are refused in keys and values, wherever they sit; pairs and escaped backslashes pass', () => {
    for (const bad of ['\udc00', 'a\ud800', '\ud800b', '\ude00\ud83d', 'x\ud83d\ude00\udc00', '\\\ud800']) {
      expect(() => canonicalJson(bad)).toThrow(/lone surrogate/);
      expect(() => canonicalJson({ [bad]: 1 })).toThrow(/lone surrogate/);
      expect(() => canonicalJson({ 7: 1, [bad]: 1 })).toThrow(/lone surrogate/);
    }
    expect(canonicalJson(['\ud83d\ude00', 'é', '\\ud800', '\\\\ud800'])).toBe('["😀","é","\\\\ud800","\\\\\\\\ud800"]');
  });
});
