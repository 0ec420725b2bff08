// Opens an untrusted zip for reading with yauzl and refuses, with a message naming the entry, anything that could
// hurt a reader: names escaping the folder (absolute, "..", backslashes, drive letters, control characters),
// duplicate names (also after case folding and Unicode normalisation), symlinks, encrypted entries, absurd entry
// counts, entries or totals over the limits, compression ratios of a zip bomb, and entries overlapping each other
// (the "overlapping files" bomb). yauzl itself checks that each entry's data matches its declared size.
import { stat } from 'node:fs/promises';
import yauzl from 'yauzl';

export interface ZipLimits {
  maxEntries: number;
  maxEntrySize: number;
  maxTotalSize: number;
  /** Largest uncompressed/compressed ratio accepted for a compressed entry. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxEntrySize: 16 * 2 ** 30,
  maxTotalSize: 256 * 2 ** 30,
  maxRatio: 100,
};

export class UnsafeZipError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(file === '(container)' ? message : `${file}: ${message}`);
    this.name = 'UnsafeZipError';
    this.file = file;
  }
}

export interface SafeZip {
  zip: yauzl.ZipFile;
  /** Entries in central-directory order. */
  entries: yauzl.Entry[];
  fileSize: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why `name` would escape, or be ambiguous in, the folder it is extracted to; undefined when it is safe. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in the name';
  if (name.includes('\\')) return 'backslash in the name (a Windows path separator)';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path escapes the folder';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return '".." escapes the folder';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." path segment';
  return undefined;
}

function translateYauzlError(err: Error): UnsafeZipError {
  const m = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(err.message);
  if (m) return new UnsafeZipError(m[2]!, `${m[1]}: escapes the folder`);
  return new UnsafeZipError('(container)', `not a readable zip: ${err.message}`);
}

export async function openSafeZip(path: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<SafeZip> {
  const fileSize = (await stat(path)).size;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw translateYauzlError(err as Error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new UnsafeZipError('(container)', `${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    }
    const entries: yauzl.Entry[] = [];
    const names = new Set<string>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        const reason = unsafeNameReason(name);
        if (reason) throw new UnsafeZipError(name, reason);
        const key = name.normalize('NFC').toLowerCase();
        if (names.has(key)) throw new UnsafeZipError(name, 'duplicate name in the zip');
        names.add(key);
        if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw new UnsafeZipError(name, 'symbolic link refused');
        if (entry.isEncrypted()) throw new UnsafeZipError(name, 'encrypted entry refused');
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw new UnsafeZipError(name, `unsupported compression method ${entry.compressionMethod}`);
        }
        if (entry.uncompressedSize > limits.maxEntrySize) {
          throw new UnsafeZipError(name, `${entry.uncompressedSize} bytes, more than the limit of ${limits.maxEntrySize} per file`);
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalSize) throw new UnsafeZipError(name, `the files add up to more than the limit of ${limits.maxTotalSize} bytes`);
        if (entry.compressionMethod === 8 && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1) && entry.uncompressedSize > 1 << 20) {
          throw new UnsafeZipError(name, `compression ratio over ${limits.maxRatio}:1 (zip bomb)`);
        }
        if (entry.relativeOffsetOfLocalHeader + 30 + entry.compressedSize > fileSize) {
          throw new UnsafeZipError(name, 'entry data extends past the end of the file');
        }
        entries.push(entry);
      }
    } catch (err) {
      if (err instanceof UnsafeZipError) throw err;
      throw translateYauzlError(err as Error);
    }
    // Entries must not share bytes: overlapping entries let a small file expand into a huge one.
    const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let i = 1; i < byOffset.length; i++) {
      const prev = byOffset[i - 1]!;
      const end = prev.relativeOffsetOfLocalHeader + 30 + Buffer.byteLength(prev.fileName) + prev.compressedSize;
      if (byOffset[i]!.relativeOffsetOfLocalHeader < end) {
        throw new UnsafeZipError(byOffset[i]!.fileName, `overlaps the data of "${prev.fileName}" (zip bomb)`);
      }
    }
    return { zip, entries, fileSize };
  } catch (err) {
    zip.close();
    throw err;
  }
}
