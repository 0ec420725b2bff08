// Bytes kept under their SHA-256 (documents, signed PDF receipts): blobs/<first 2 hex>/<64 hex>. Written to a
// temporary name, fsynced, renamed, and the directory fsynced, so a blob either exists whole or not at all.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, readdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
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

export class BlobStore {
  readonly dir: string;
  /** Blobs on disk: counted once at open, then kept up to date, so status never walks the directory. */
  private stored = 0;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const _ of this.list()) this.stored++;
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
    const target = this.pathOf(sha256);
    if (existsSync(target)) return { sha256, alreadyStored: true };
    const sub = join(this.dir, sha256.slice(0, 2));
    if (!existsSync(sub)) {
      mkdirSync(sub, { mode: 0o700 });
      await fsyncDirectoryAsync(this.dir);
    }
    const tmp = join(sub, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.datasync();
    } catch (err) {
      await handle.close();
      await rm(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new StorageFullError('the disk is full: the document was not stored');
      throw err;
    }
    await handle.close();
    await rename(tmp, target);
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
