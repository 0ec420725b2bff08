// Documents are read into a small set of recycled 256 kB buffers instead of one new buffer per read. A gigabyte
// read through fresh buffers is a gigabyte of allocations outside the JavaScript heap, and V8 answers that with
// a full garbage collection every few dozen megabytes: a quarter of an export's time. A buffer goes back to the
// pool once the bundle file has written it (asic-writer.ts), the only place a chunk is held after it is hashed.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

const CHUNK = 256 * 1024;
const free: ArrayBuffer[] = [];
const pooled = new WeakSet<ArrayBuffer>();

function take(): Buffer {
  const ab = free.pop();
  if (ab) return Buffer.from(ab);
  const fresh = new ArrayBuffer(CHUNK);
  pooled.add(fresh);
  return Buffer.from(fresh);
}

/** Returns a chunk's memory to the pool if it came from it; other buffers are left alone. */
export function releaseChunk(chunk: Uint8Array): void {
  const ab = chunk.buffer as ArrayBuffer;
  // A handful is enough: reads wait for the writer (backpressure), so only a few chunks are ever in flight.
  if (pooled.has(ab) && free.length < 64 && !free.includes(ab)) free.push(ab);
}

/** A file's bytes as a stream of pooled chunks. */
export function pooledFileStream(path: string): Readable {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let position = 0;
  return new Readable({
    highWaterMark: CHUNK,
    async construct(callback) {
      try {
        handle = await open(path, 'r');
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    async read() {
      try {
        const buf = take();
        const { bytesRead } = await handle!.read(buf, 0, CHUNK, position);
        if (bytesRead === 0) {
          releaseChunk(buf);
          this.push(null);
          return;
        }
        position += bytesRead;
        this.push(buf.subarray(0, bytesRead));
      } catch (err) {
        this.destroy(err as Error);
      }
    },
    async destroy(err, callback) {
      try {
        await handle?.close();
      } finally {
        callback(err);
      }
    },
  });
}
