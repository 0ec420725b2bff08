import { describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import { seq, tlv } from './der.ts';

describe('DER assembly', () => {
  it('writes short and long lengths exactly as asn1js does, at every boundary', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 65_535, 65_536, 16_777_215, 16_777_216]) {
      const content = new Uint8Array(n).fill(n % 251);
      const ours = tlv(0x04, content.subarray(0, n >> 1), content.subarray(n >> 1));
      const theirs = Buffer.from(new asn1js.OctetString({ valueHex: content }).toBER(false));
      expect(ours.equals(theirs), `length ${n}`).toBe(true);
    }
  });

  it('nests: a SEQUENCE of pieces is their concatenation under one header', () => {
    const a = tlv(0x02, Buffer.from([5]));
    const b = tlv(0x04, Buffer.from('xy'));
    expect([...seq(a, b)]).toEqual([0x30, 7, 0x02, 1, 5, 0x04, 2, 0x78, 0x79]);
  });
});
