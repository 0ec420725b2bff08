// bundle.json is written as the messages go by, into a temporary file beside the bundle, instead of being kept as
// objects until the end: with 10,000 messages that table of contents is megabytes of small objects, which the
// garbage collector would carry through the whole export. At the end it is streamed into the container: the
// index's head, the spooled message entries (one line each), the closing brackets.
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BundleIndex, BundleMessage } from '../../../shared/bundle/bundle-index.ts';

export class IndexSpool {
  private readonly path: string;
  private fd: number | undefined;
  private count = 0;
  /** Messages with at least one receipt: they need a checkpoint. */
  withReceipts = 0;

  constructor(dir: string) {
    this.path = join(dir, `.bundle-index.${randomBytes(6).toString('hex')}.partial`);
    this.fd = openSync(this.path, 'wx', 0o600);
  }

  add(entry: BundleMessage): void {
    if (entry.receipts.length > 0) this.withReceipts++;
    // One line per message: an index of 20,000 messages stays a few tens of megabytes.
    const text = `    ${JSON.stringify(entry)}`;
    writeSync(this.fd!, this.count++ === 0 ? text : `,\n${text}`);
  }

  /** bundle.json: `head` (every field but messages) and the spooled messages, as one stream of known size. */
  file(head: Omit<BundleIndex, 'messages'>): { size: number; open: () => Readable } {
    const text = JSON.stringify(head, null, 2);
    const prefix = Buffer.from(`${text.slice(0, -2)},\n  "messages": [\n`, 'utf8');
    const suffix = Buffer.from('\n  ]\n}\n', 'utf8');
    const spooled = fstatSync(this.fd!).size;
    const path = this.path;
    return {
      size: prefix.length + spooled + suffix.length,
      open: () =>
        Readable.from(
          (async function* () {
            yield prefix;
            for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
            yield suffix;
          })(),
          { objectMode: false },
        ),
    };
  }

  /** Removes the temporary file; safe to call more than once. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}
