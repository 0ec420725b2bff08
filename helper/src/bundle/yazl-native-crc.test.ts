import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bufferCrc32 } from './yazl-native-crc.ts';

// The original JavaScript implementation, loaded fresh so the patched module does not answer for it.
function referenceCrc32(buf: Uint8Array, previous = 0): number {
  let crc = previous ^ -1;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ -1) >>> 0;
}

describe('yazl with native CRC-32', () => {
  it('gives the same CRC-32 as the reference, in one call and in chunks', () => {
    const data = randomBytes(100_000);
    expect(bufferCrc32.unsigned(data)).toBe(referenceCrc32(data));
    const running = bufferCrc32.unsigned(data.subarray(40_000), bufferCrc32.unsigned(data.subarray(0, 40_000)));
    expect(running).toBe(referenceCrc32(data));
    expect(bufferCrc32.unsigned(Buffer.alloc(0))).toBe(0);
  });

  it('is the implementation yazl sees', () => {
    const require = createRequire(import.meta.url);
    expect((require('buffer-crc32') as typeof bufferCrc32).unsigned).toBe(bufferCrc32.unsigned);
  });
});
