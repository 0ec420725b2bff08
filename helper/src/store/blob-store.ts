// Bytes kept under their SHA-256 (documents, signed PDF receipts): blobs/<first 2 hex>/<64 hex>. Written to a
// temporary name, fsynced, renamed, and the directory fsynced, so a blob either exists whole or not at all. Large
// uploads arrive as a stream, hashed while written to the temporary file: memory holds a chunk, not the document.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageFullError } from './record-log.ts';

/** The rename made durable without blocking the event loop: many documents are stored at once (the sync). */
async function fsyncDirectoryAsync(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** An upload whose bytes do not hash to the SHA-256 it was sent under. */
export class DigestMismatchError extends Error {
  override name = 'DigestMismatchError';
  constructor(expected: string, actual: string) {
    super(`the body hashes to ${actual}, not to the SHA-256 ${expected} it was sent under`);
  }
}

export class BlobStore {
  readonly dir: string;
  /** Blobs on disk: counted once at open, then kept up to date, so status never walks the directory. */
  private stored = 0;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const _ of this.list()) this.stored++;
    // Uploads cut by a crash leave their temporary file; one untouched for an hour is no upload in progress.
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (/^\.upload\.[0-9a-f]{16}\.tmp$/.test(name) && statSync(path).mtimeMs < Date.now() - 3_600_000) rmSync(path, { force: true });
    }
  }

  get count(): number {
    return this.stored;
  }

  pathOf(sha256Hex: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new Error(`not a SHA-256: ${sha256Hex}`);
    return join(this.dir, sha256Hex.slice(0, 2), sha256Hex);
  }

  has(sha256Hex: string): boolean {
    return existsSync(this.pathOf(sha256Hex));
  }

  /** Stores the bytes durably; returns their SHA-256 (hex) and whether they were there already. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; alreadyStored: boolean }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) return { sha256, alreadyStored: true };
    const tmp = await this.tempFile(
      async (handle) => {
        await handle.writeFile(bytes);
      },
      () => sha256,
    );
    return this.commit(tmp, sha256);
  }

  /**
   * Stores a stream that must hash to `expectedHex`, without holding it in memory: each chunk is hashed and written
   * to a temporary file as it arrives (the next is read only once it is written, so a fast sender waits on the
   * socket), and the file is renamed into place only when the digest matches. A mismatch, an error of the stream
   * (its size limit, a dropped connection) or a full disk leaves nothing behind.
   */
  async putStream(body: AsyncIterable<Uint8Array>, expectedHex: string): Promise<{ sha256: string; sizeBytes: number; alreadyStored: boolean }> {
    this.pathOf(expectedHex);
    let sizeBytes = 0;
    const hash = createHash('sha256');
    const tmp = await this.tempFile(
      async (handle) => {
        for await (const chunk of body) {
          hash.update(chunk);
          sizeBytes += chunk.byteLength;
          await handle.write(chunk);
        }
      },
      () => {
        const sha256 = hash.digest('hex');
        if (sha256 !== expectedHex) throw new DigestMismatchError(expectedHex, sha256);
        return sha256;
      },
    );
    return { ...(await this.commit(tmp, expectedHex)), sizeBytes };
  }

  /** A temporary file beside the blobs, written by `write`, fsynced; removed again when `write` or `check` throws. */
  private async tempFile(write: (handle: FileHandle) => Promise<void>, check: () => string): Promise<string> {
    const tmp = join(this.dir, `.upload.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await write(handle);
      check();
      await handle.datasync();
    } catch (err) {
      await handle.close();
      await rm(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StorageFullError('the disk is full: the document was not stored');
      throw err;
    }
    await handle.close();
    return tmp;
  }

  /** Renames a complete, fsynced temporary file into place (or drops it when another upload stored it first). */
  private async commit(tmp: string, sha256: string): Promise<{ sha256: string; alreadyStored: boolean }> {
    if (this.has(sha256)) {
      await rm(tmp, { force: true });
      return { sha256, alreadyStored: true };
    }
    const sub = join(this.dir, sha256.slice(0, 2));
    if (!existsSync(sub)) {
      mkdirSync(sub, { mode: 0o700 });
      await fsyncDirectoryAsync(this.dir);
    }
    await rename(tmp, this.pathOf(sha256));
    await fsyncDirectoryAsync(sub);
    this.stored++;
    return { sha256, alreadyStored: false };
  }

  async get(sha256Hex: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256Hex));
  }

  /** Every stored blob's hex name, for verify-store. */
  *list(): Generator<string> {
    if (!existsSync(this.dir)) return;
    for (const sub of readdirSync(this.dir).sort()) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of readdirSync(join(this.dir, sub)).sort()) if (!name.startsWith('.')) yield name;
    }
  }
}
