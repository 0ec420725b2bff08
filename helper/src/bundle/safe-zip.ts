// Opens an untrusted zip for reading with yauzl and refuses, with a message naming the entry, anything that could
// hurt a reader: names escaping the folder (absolute, "..", backslashes, drive letters, control characters),
// duplicate names (also after case folding and Unicode normalisation), symlinks, encrypted entries, absurd entry
// counts, entries or totals over the limits, compression ratios of a zip bomb, and entries overlapping each other
// (the "overlapping files" bomb). yauzl reads the central directory; callers read entry data themselves (for a
// bundle, at the places the zip-profile check has proven).
import { open, stat } from 'node:fs/promises';
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
  /** Other entries the fault involves (for overlapping entries: either one may be the altered one). */
  readonly others: string[];
  constructor(file: string, message: string, others: string[] = []) {
    super(file === '(container)' ? message : `${file}: ${message}`);
    this.name = 'UnsafeZipError';
    this.file = file;
    this.others = others;
  }
}

/** What the central directory says of one entry: only plain fields, so 100,000 of them stay small. */
export interface SafeEntry {
  fileName: string;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  lastModFileTime: number;
  lastModFileDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  relativeOffsetOfLocalHeader: number;
}

export interface SafeZip {
  /** Entries in central-directory order. */
  entries: SafeEntry[];
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

/** Where the central directory starts and its size, from the end records (zip64 too); undefined if unreadable. */
async function centralDirectory(path: string, fileSize: number): Promise<{ start: number; size: number } | undefined> {
  const fh = await open(path, 'r');
  try {
    const tail = Buffer.alloc(Math.min(fileSize, 22 + 20 + 56));
    await fh.read(tail, 0, tail.length, fileSize - tail.length);
    const eocd = tail.subarray(tail.length - 22);
    if (eocd.readUInt32LE(0) !== 0x06054b50) return undefined;
    const start = eocd.readUInt32LE(16);
    if (start !== 0xffffffff) return { start, size: eocd.readUInt32LE(12) };
    const locator = tail.subarray(tail.length - 42, tail.length - 22);
    if (locator.length !== 20 || locator.readUInt32LE(0) !== 0x07064b50) return undefined;
    const record = Buffer.alloc(56);
    await fh.read(record, 0, 56, Number(locator.readBigUInt64LE(8)));
    return record.readUInt32LE(0) === 0x06064b50 ? { start: Number(record.readBigUInt64LE(48)), size: Number(record.readBigUInt64LE(40)) } : undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Names the entry of a central-directory record yauzl could not read, from the record's own name field, so a
 * corrupted directory record is reported against its file rather than against the whole zip.
 */
async function nameOfBrokenRecord(path: string, fileSize: number, recordBytesSoFar: number): Promise<string | undefined> {
  const cd = await centralDirectory(path, fileSize);
  if (cd === undefined) return undefined;
  const at = cd.start + recordBytesSoFar;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(46);
    if ((await fh.read(head, 0, 46, at)).bytesRead !== 46) return undefined;
    const length = head.readUInt16LE(28);
    if (length === 0 || length > 1024 || at + 46 + length > fileSize) return undefined;
    const name = Buffer.alloc(length);
    await fh.read(name, 0, length, at + 46);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(name);
    return unsafeNameReason(text) ? undefined : text;
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}

/** The name in the local header at `offset`, if it is there and readable. */
async function localName(path: string, offset: number): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(30);
    if ((await fh.read(head, 0, 30, offset)).bytesRead !== 30 || head.readUInt32LE(0) !== 0x04034b50) return undefined;
    const name = Buffer.alloc(head.readUInt16LE(26));
    await fh.read(name, 0, name.length, offset + 30);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(name);
    return unsafeNameReason(text) ? undefined : text;
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
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
    const entries: SafeEntry[] = [];
    const names = new Set<string>();
    let total = 0;
    let recordBytes = 0;
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
        recordBytes += 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
        entries.push({
          fileName: name,
          generalPurposeBitFlag: entry.generalPurposeBitFlag,
          compressionMethod: entry.compressionMethod,
          lastModFileTime: entry.lastModFileTime,
          lastModFileDate: entry.lastModFileDate,
          crc32: entry.crc32,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
        });
      }
    } catch (err) {
      if (err instanceof UnsafeZipError) throw err;
      const translated = translateYauzlError(err as Error);
      if (translated.file !== '(container)') throw translated;
      // Every record the end record announced the room for was read: the end record itself is what lies.
      const cd = await centralDirectory(path, fileSize);
      if (cd && recordBytes >= cd.size) throw new UnsafeZipError('(container)', `end of central directory record corrupt: it announces more entries than the directory holds (${(err as Error).message})`);
      const name = await nameOfBrokenRecord(path, fileSize, recordBytes);
      if (name) throw new UnsafeZipError(name, `central directory record corrupt: ${(err as Error).message}`);
      // No readable record where the previous one says the next begins: the previous record's lengths are wrong,
      // so its name as read may be too; its local header still has the name as written.
      const previous = entries.at(-1);
      if (previous) {
        const local = (await localName(path, previous.relativeOffsetOfLocalHeader)) ?? previous.fileName;
        throw new UnsafeZipError(local, `central directory record corrupt: its lengths do not lead to the next record (${(err as Error).message})`);
      }
      throw translated;
    }
    // Entries must not share bytes: overlapping entries let a small file expand into a huge one.
    const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let i = 1; i < byOffset.length; i++) {
      const prev = byOffset[i - 1]!;
      const end = prev.relativeOffsetOfLocalHeader + 30 + Buffer.byteLength(prev.fileName) + prev.compressedSize;
      if (byOffset[i]!.relativeOffsetOfLocalHeader < end) {
        throw new UnsafeZipError(byOffset[i]!.fileName, `overlaps the data of "${prev.fileName}" (zip bomb)`, [prev.fileName]);
      }
    }
    return { entries, fileSize };
  } finally {
    zip.close();
  }
}
