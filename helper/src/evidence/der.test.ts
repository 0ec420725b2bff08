import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childrenOf, DerError, generalizedTimeOf, octetsOf, oidOf, parseDer } from './der.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('der', () => {
  it('reads object identifiers, UTC GeneralizedTime and nested sequences', () => {
    expect(oidOf(parseDer(hex('06 09 60 86 48 01 65 03 04 02 01')))).toBe('2.16.840.1.101.3.4.2.1');
    expect(oidOf(parseDer(hex('06 03 55 1d 0f')))).toBe('2.5.29.15');
    expect(generalizedTimeOf(parseDer(hex('18 0f' + Buffer.from('20261118101502Z').toString('hex')))).toISOString()).toBe('2026-11-18T10:15:02.000Z');
    expect(childrenOf(parseDer(hex('30 06 02 01 01 04 01 ff'))).map((n) => n.tag)).toEqual([0x02, 0x04]);
    expect(Buffer.from(octetsOf(parseDer(hex('24 08 04 02 aa bb 04 02 cc dd')), 'x')).toString('hex')).toBe('aabbccdd');
  });

  it('refuses indefinite, non-minimal, overrunning and trailing encodings', () => {
    for (const bad of ['30 80 00 00', '04 81 01 aa', '04 05 aa', '02 01 01 00', '18 03 31 32 33']) {
      expect(() => {
        const node = parseDer(hex(bad));
        if (node.tag === 0x18) generalizedTimeOf(node);
      }, bad).toThrow(DerError);
    }
  });

  it('never throws anything but DerError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const node = parseDer(bytes);
          if (node.tag & 0x20) childrenOf(node).forEach((c) => (c.tag === 0x06 ? oidOf(c) : undefined));
        } catch (error) {
          expect(error).toBeInstanceOf(DerError);
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
