// The browsers' native-messaging framing on stdio: each message is UTF-8 JSON preceded by its length as a 32-bit
// unsigned integer in native byte order (little-endian on every platform the browsers support). A host's message
// may be at most 1 MB; the browser's to a host at most 4 GB, but ours are a few hundred bytes: anything larger
// than MAX_INCOMING is refused rather than buffered.
import type { Readable, Writable } from 'node:stream';

export const MAX_OUTGOING = 1024 * 1024;
export const MAX_INCOMING = 64 * 1024;

export function encodeNativeMessage(message: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(message), 'utf8');
  if (json.length > MAX_OUTGOING) throw new RangeError(`a native message may be at most ${MAX_OUTGOING} bytes, not ${json.length}`);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(json.length);
  return Buffer.concat([header, json]);
}

export class NativeMessageError extends Error {
  override name = 'NativeMessageError';
}

/** The messages of a stream, in order; ends when the browser closes the pipe (it stops the host that way). */
export async function* readNativeMessages(input: Readable): AsyncGenerator<unknown> {
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk as Buffer]) : (chunk as Buffer);
    while (buffer.length >= 4) {
      const length = buffer.readUInt32LE(0);
      if (length > MAX_INCOMING) throw new NativeMessageError(`a message of ${length} bytes is more than this host accepts (${MAX_INCOMING})`);
      if (buffer.length < 4 + length) break;
      const json = buffer.subarray(4, 4 + length).toString('utf8');
      buffer = buffer.subarray(4 + length);
      try {
        yield JSON.parse(json) as unknown;
      } catch {
        throw new NativeMessageError('a message is not JSON');
      }
    }
  }
  if (buffer.length > 0) throw new NativeMessageError(`the stream ended inside a message (${buffer.length} bytes left)`);
}

export function writeNativeMessage(output: Writable, message: unknown): Promise<void> {
  return new Promise((resolve, reject) => output.write(encodeNativeMessage(message), (err) => (err ? reject(err) : resolve())));
}
