// Streams an ASiC-E container (ETSI EN 319 162-1, CAdES flavour) to disk: `mimetype` first and stored, then
// every file stored while its SHA-256 is computed on the way through, then META-INF/ASiCManifest.xml and the
// detached CAdES signature over it. Memory stays flat: one file is read at a time and only digests are kept.
// The container is written to a temporary file beside the target, fsynced, renamed, and the folder fsynced:
// a cancelled or failed export leaves no partial file behind.
// Every entry's local header carries its sizes and CRC-32 (no data descriptor), because streaming readers such as
// Java's ZipInputStream, which EU DSS uses for containers in memory, refuse stored entries with a data descriptor.
// The sizes are known before a file is written; the CRC is known only after, so it is written into each local
// header once the zip is complete (one 4-byte positional write per entry), before the file is fsynced.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { releaseChunk } from './buffer-pool.ts';
import yazl from 'yazl';
import { ASIC_E_MIMETYPE, MANIFEST_PATH, MIMETYPE_PATH, SIGNATURE_PATH } from '../../../shared/bundle/layout.ts';
import { ManifestBuilder } from './asic-manifest.ts';
import './yazl-native-crc.ts';
import { entryOptions } from './zip-profile.ts';

/** Signs the manifest: returns a DER CMS SignedData, detached, CAdES-B-T (helper/src/cms provides it). */
export interface ManifestSigner {
  sign(manifest: Uint8Array): Promise<Uint8Array>;
}

export type AsicFile = (
  | { path: string; mimeType: string; bytes: Uint8Array }
  | { path: string; mimeType: string; size: number; open: () => Readable }
) & {
  /** Told the SHA-256 of the bytes written, before the next file is taken (to compare with an expected one). */
  onWritten?: (sha256: Buffer) => void;
};

export interface AsicProgress {
  files: number;
  bytes: number;
}

export interface WriteAsicOptions {
  signal?: AbortSignal;
  onProgress?: (p: AsicProgress) => void;
  /** The time written in every entry header (defaults to now). */
  mtime?: Date;
}

export interface WrittenAsic {
  path: string;
  files: number;
  bytes: number;
}

const RESERVED = new Set([MIMETYPE_PATH, MANIFEST_PATH, SIGNATURE_PATH]);

export class AsicWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AsicWriteError';
  }
}

function checkPath(path: string, taken: Set<string>) {
  if (RESERVED.has(path) || path.startsWith('META-INF/')) throw new AsicWriteError(`"${path}" is reserved for the container`);
  if (path === '' || path.startsWith('/') || path.endsWith('/') || path.includes('\\') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new AsicWriteError(`"${path}" is not a relative file path`);
  }
  const key = path.normalize('NFC').toLowerCase();
  if (taken.has(key)) throw new AsicWriteError(`"${path}" is added twice (names are compared case-insensitively)`);
  taken.add(key);
}

/**
 * Writes `files` (consumed one at a time) into a signed ASiC-E container at `target`. Rejects, and removes the
 * temporary file, if a source fails, the signal aborts or the signer fails.
 */
export async function writeAsic(target: string, files: AsyncIterable<AsicFile> | Iterable<AsicFile>, signer: ManifestSigner, options: WriteAsicOptions = {}): Promise<WrittenAsic> {
  const { signal, onProgress } = options;
  const opts = entryOptions(options.mtime ?? new Date());
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const zip = new yazl.ZipFile();
  declareSizesInLocalHeaders(zip);
  // Not fsynced on close: the CRCs are written into the local headers afterwards, then the file is fsynced.
  const file = createWriteStream(temp, { flags: 'wx', mode: 0o644, highWaterMark: 1 << 20 });
  // Hands each chunk to the file and returns pooled read buffers once written (buffer-pool.ts).
  const out = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      file.write(chunk, (err) => {
        if (!err) releaseChunk(chunk);
        callback(err);
      });
    },
    final(callback) {
      file.once('close', () => callback());
      file.end();
    },
    destroy(err, callback) {
      file.destroy();
      finished(file).then(() => callback(err), () => callback(err));
    },
  });
  let failure: Error | undefined;
  let current: Readable | undefined;
  let rejectFailed: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {});
  // The entry being written: a failure rejects it directly. (Racing every entry against `failed` would leave one
  // reaction per file on that never-settled promise: memory growing with the number of files.)
  let rejectCurrent: ((err: Error) => void) | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    current?.destroy();
    zip.outputStream.unpipe(out);
    rejectFailed(failure);
    rejectCurrent?.(failure);
  };
  zip.on('error', (err: Error) => fail(new AsicWriteError(`zip writer: ${err.message}`, { cause: err })));
  out.on('error', (err) => fail(new AsicWriteError(`writing ${target}: ${err.message}`, { cause: err })));
  file.on('error', (err) => fail(new AsicWriteError(`writing ${target}: ${err.message}`, { cause: err })));
  const onAbort = () => fail(new AsicWriteError('export cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  zip.outputStream.pipe(out);
  const progress: AsicProgress = { files: 0, bytes: 0 };

  try {
    if (signal?.aborted) throw new AsicWriteError('export cancelled');
    zip.addBuffer(Buffer.from(ASIC_E_MIMETYPE, 'ascii'), MIMETYPE_PATH, opts);
    const manifestBuilder = new ManifestBuilder(SIGNATURE_PATH);
    const taken = new Set<string>();
    for await (const file of files) {
      if (failure) throw failure;
      checkPath(file.path, taken);
      // yazl keeps every entry, and the function that pumps its data, until the central directory is written: a
      // buffer handed to addBuffer would stay in memory for the whole export. Every file therefore goes through a
      // lazily opened stream, and a buffer is released as soon as it is handed over.
      const source: { bytes?: Buffer; open?: () => Readable } =
        'bytes' in file ? { bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) } : { open: file.open };
      const size = 'bytes' in file ? file.bytes.byteLength : file.size;
      const path = file.path;
      // The next file is opened only when yazl reaches it, and we wait for it to end before taking the next:
      // one open file, one read buffer.
      const entryDone = new Promise<Buffer>((resolve, reject) => {
        rejectCurrent = reject;
        // yazl keeps this callback until the end: it holds the job only until it has run, and the source lets go
        // of its buffer, so nothing per file (bytes, hash state, promise) outlives the file.
        let job: { source: typeof source; resolve: (digest: Buffer) => void; reject: (e: Error) => void } | undefined = { source, resolve, reject };
        zip.addReadStreamLazy(path, { ...opts, size }, (cb) => {
          const { source: src, resolve: done, reject: failWith } = job!;
          job = undefined;
          const sha = createHash('sha256');
          let stream: Readable;
          try {
            stream = src.bytes ? Readable.from([src.bytes], { objectMode: false }) : src.open!();
            delete src.bytes;
            delete src.open;
          } catch (err) {
            failWith(new AsicWriteError(`${path}: ${(err as Error).message}`, { cause: err }));
            return;
          }
          current = stream;
          stream.on('data', (chunk: Buffer) => {
            sha.update(chunk);
            progress.bytes += chunk.length;
          });
          stream.once('end', () => done(sha.digest()));
          stream.once('error', (err) => failWith(new AsicWriteError(`${path}: ${err.message}`, { cause: err })));
          cb(null, stream);
        });
      });
      const sha256 = await entryDone;
      rejectCurrent = undefined;
      current = undefined;
      file.onWritten?.(sha256);
      // yazl keeps each entry's data-pump closure (and through it ours) until the central directory is written;
      // the entry written no longer needs it.
      const written = (zip as unknown as { entries: { doFileDataPump?: unknown }[] }).entries.at(-1);
      if (written) written.doFileDataPump = undefined;
      manifestBuilder.add({ path, mimeType: file.mimeType, sha256 });
      progress.files++;
      onProgress?.({ ...progress });
    }
    if (failure) throw failure;
    const manifest = manifestBuilder.finish();
    zip.addBuffer(Buffer.from(manifest), MANIFEST_PATH, opts);
    // A cancel while the TSA is being asked must not wait for its answer.
    const signature = await Promise.race([signer.sign(manifest), failed]);
    if (failure) throw failure;
    zip.addBuffer(Buffer.from(signature), SIGNATURE_PATH, opts);
    zip.end();
    await Promise.race([finished(out), failed]);
    if (failure) throw failure;
    await writeCrcsAndSync(temp, zip);
    await rename(temp, target);
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return { path: target, files: progress.files, bytes: progress.bytes };
  } catch (err) {
    fail(err as Error);
    out.destroy();
    await finished(out).catch(() => {});
    await unlink(temp).catch(() => {});
    throw failure ?? err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** yazl's private per-entry state this module relies on (yazl 3.3). */
interface YazlEntry {
  compressionLevel: number;
  uncompressedSize: number | null;
  compressedSize: number | null;
  crc32: number | null;
  crcAndFileSizeKnown: boolean;
  relativeOffsetOfLocalHeader: number;
}

/** Entries whose local header was written with a CRC still to fill in. */
const crcPending = new WeakSet<YazlEntry>();

/**
 * yazl writes a data descriptor for every streamed entry. A stored entry of known size needs none: its sizes go
 * in the local header, and so does its CRC once computed. yazl writes the local header as soon as an entry is
 * added, so the entry is marked as it joins the list. Entries of 4 GiB or more keep yazl's zip64 data descriptor
 * (yazl writes no zip64 extra field in local headers).
 */
function declareSizesInLocalHeaders(zip: yazl.ZipFile): void {
  const entries = (zip as unknown as { entries: YazlEntry[] }).entries;
  entries.push = (...added: YazlEntry[]) => {
    for (const e of added) {
      if (!e.crcAndFileSizeKnown && e.compressionLevel === 0 && e.uncompressedSize !== null && e.uncompressedSize < 0xfffffffe) {
        e.crcAndFileSizeKnown = true;
        e.compressedSize = e.uncompressedSize;
        e.crc32 = 0;
        crcPending.add(e);
      }
    }
    return Array.prototype.push.apply(entries, added);
  };
}

/** Fills in the CRC-32 of every marked local header (offset 14), then fsyncs the file. */
async function writeCrcsAndSync(path: string, zip: yazl.ZipFile): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    for (const e of (zip as unknown as { entries: YazlEntry[] }).entries) {
      if (!crcPending.has(e)) continue;
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(e.crc32!, 0);
      await fh.write(crc, 0, 4, e.relativeOffsetOfLocalHeader + 14);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}
