import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pooledFileStream, releaseChunk } from './buffer-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'buffer-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string, release: boolean): Promise<{ bytes: Buffer; memories: Set<ArrayBufferLike> }> {
  const parts: Buffer[] = [];
  const memories = new Set<ArrayBufferLike>();
  for await (const chunk of pooledFileStream(path) as AsyncIterable<Buffer>) {
    parts.push(Buffer.from(chunk)); // a copy: the chunk itself goes back to the pool
    memories.add(chunk.buffer);
    if (release) releaseChunk(chunk);
  }
  return { bytes: Buffer.concat(parts), memories };
}

describe('pooledFileStream', () => {
  it('reads a file exactly, across chunk boundaries and for an empty file', async () => {
    const data = randomBytes(1_000_003);
    writeFileSync(join(dir, 'a.bin'), data);
    writeFileSync(join(dir, 'empty.bin'), '');
    expect((await read(join(dir, 'a.bin'), true)).bytes.equals(data)).toBe(true);
    expect((await read(join(dir, 'empty.bin'), true)).bytes.length).toBe(0);
  });

  it('reuses released chunks and never hands out a chunk that was not released', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    writeFileSync(join(dir, 'b.bin'), data);
    const recycled = await read(join(dir, 'b.bin'), true);
    expect(recycled.memories.size).toBeLessThanOrEqual(2);
    const kept = await read(join(dir, 'b.bin'), false);
    expect(kept.memories.size).toBe(8);
    expect(kept.bytes.equals(data)).toBe(true);
  });

  it('reports a missing file as a stream error', async () => {
    await expect(read(join(dir, 'missing.bin'), true)).rejects.toThrow(/ENOENT/);
  });
});
