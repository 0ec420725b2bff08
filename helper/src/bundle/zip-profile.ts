// The one zip layout a bundle may have. The signature covers the manifest and the manifest covers the files'
// bytes, but not the zip's own headers (names, times, attributes, sizes in three places). So the writer uses a
// fixed profile of yazl's output, and the verifier regenerates every header byte from the central directory and
// compares it with the file: flipping any byte outside file data then fails, naming the entry it belongs to.
import type { FileHandle } from 'node:fs/promises';
import type { SafeEntry as CentralEntry } from './safe-zip.ts';

/** yazl options for every bundle entry: stored, DOS timestamp only, a plain read-only file. */
export const ENTRY_MODE = 0o100644;
export function entryOptions(mtime: Date) {
  return { compress: false, forceDosTimestamp: true, mode: ENTRY_MODE, mtime } as const;
}

const UTF8 = 0x0800;
const DESCRIPTOR = 0x0008;
const VERSION_MADE_BY = (3 << 8) | 63;
const MAX32 = 0xffffffff;

export interface LayoutProblem {
  file: string;
  message: string;
}

function u64(buf: Buffer, n: number, at: number) {
  buf.writeUInt32LE(n % 0x100000000, at);
  buf.writeUInt32LE(Math.floor(n / 0x100000000), at + 4);
}

function isZip64(e: CentralEntry): boolean {
  return e.compressedSize > 0xfffffffe || e.uncompressedSize > 0xfffffffe || e.relativeOffsetOfLocalHeader > 0xfffffffe;
}

function localHeader(e: CentralEntry, name: Buffer): Buffer {
  const b = Buffer.alloc(30);
  const known = (e.generalPurposeBitFlag & DESCRIPTOR) === 0;
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(e.generalPurposeBitFlag, 6);
  b.writeUInt16LE(e.compressionMethod, 8);
  b.writeUInt16LE(e.lastModFileTime, 10);
  b.writeUInt16LE(e.lastModFileDate, 12);
  b.writeUInt32LE(known ? e.crc32 : 0, 14);
  b.writeUInt32LE(known ? e.compressedSize : 0, 18);
  b.writeUInt32LE(known ? e.uncompressedSize : 0, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, name]);
}

function dataDescriptor(e: CentralEntry): Buffer {
  if ((e.generalPurposeBitFlag & DESCRIPTOR) === 0) return Buffer.alloc(0);
  const zip64 = isZip64(e);
  const b = Buffer.alloc(zip64 ? 24 : 16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(e.crc32, 4);
  if (zip64) {
    u64(b, e.compressedSize, 8);
    u64(b, e.uncompressedSize, 16);
  } else {
    b.writeUInt32LE(e.compressedSize, 8);
    b.writeUInt32LE(e.uncompressedSize, 12);
  }
  return b;
}

function centralRecord(e: CentralEntry, name: Buffer): Buffer {
  const zip64 = isZip64(e);
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(zip64 ? 45 : 20, 6);
  b.writeUInt16LE(e.generalPurposeBitFlag, 8);
  b.writeUInt16LE(e.compressionMethod, 10);
  b.writeUInt16LE(e.lastModFileTime, 12);
  b.writeUInt16LE(e.lastModFileDate, 14);
  b.writeUInt32LE(e.crc32, 16);
  b.writeUInt32LE(zip64 ? MAX32 : e.compressedSize, 20);
  b.writeUInt32LE(zip64 ? MAX32 : e.uncompressedSize, 24);
  b.writeUInt16LE(name.length, 28);
  b.writeUInt16LE(zip64 ? 28 : 0, 30);
  b.writeUInt16LE(0, 32);
  b.writeUInt16LE(0, 34);
  b.writeUInt16LE(0, 36);
  b.writeUInt32LE((ENTRY_MODE << 16) >>> 0, 38);
  b.writeUInt32LE(zip64 ? MAX32 : e.relativeOffsetOfLocalHeader, 42);
  if (!zip64) return Buffer.concat([b, name]);
  const x = Buffer.alloc(28);
  x.writeUInt16LE(0x0001, 0);
  x.writeUInt16LE(24, 2);
  u64(x, e.uncompressedSize, 4);
  u64(x, e.compressedSize, 12);
  u64(x, e.relativeOffsetOfLocalHeader, 20);
  return Buffer.concat([b, name, x]);
}

function endRecords(count: number, cdStart: number, cdSize: number): Buffer {
  const zip64 = count >= 0xffff || cdSize >= MAX32 || cdStart >= MAX32;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count >= 0xffff ? 0xffff : count, 8);
  eocd.writeUInt16LE(count >= 0xffff ? 0xffff : count, 10);
  eocd.writeUInt32LE(cdSize >= MAX32 ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(cdStart >= MAX32 ? MAX32 : cdStart, 16);
  if (!zip64) return eocd;
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  u64(rec, 44, 4);
  rec.writeUInt16LE(VERSION_MADE_BY, 12);
  rec.writeUInt16LE(45, 14);
  u64(rec, count, 24);
  u64(rec, count, 32);
  u64(rec, cdSize, 40);
  u64(rec, cdStart, 48);
  const loc = Buffer.alloc(20);
  loc.writeUInt32LE(0x07064b50, 0);
  u64(loc, cdStart + cdSize, 8);
  loc.writeUInt32LE(1, 16);
  return Buffer.concat([rec, loc, eocd]);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buf.subarray(0, done);
}

function differs(actual: Buffer, expected: Buffer): boolean {
  return actual.length !== expected.length || !actual.equals(expected);
}

/**
 * Checks that the file is exactly the profile's layout for these central-directory entries: entries back to
 * back from offset 0 in directory order, each local header and data descriptor equal to the one regenerated from
 * the directory, then the directory itself and the end records, nothing before, between or after. Returns every
 * problem found, each naming an entry.
 */
export async function checkZipLayout(fh: FileHandle, fileSize: number, entries: CentralEntry[]): Promise<LayoutProblem[]> {
  const problems: LayoutProblem[] = [];
  let cursor = 0;
  const records: Buffer[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.fileName, 'utf8');
    const flags = e.generalPurposeBitFlag;
    if ((flags !== UTF8 && flags !== (UTF8 | DESCRIPTOR)) || e.compressionMethod !== 0) {
      problems.push({ file: e.fileName, message: 'zip header flags or method altered (bundles store every file, UTF-8 names)' });
    }
    if (e.relativeOffsetOfLocalHeader !== cursor) {
      problems.push({ file: e.fileName, message: `local header at offset ${e.relativeOffsetOfLocalHeader}, expected ${cursor}: bytes added, removed or moved` });
      cursor = e.relativeOffsetOfLocalHeader;
    }
    const expectedHeader = localHeader(e, name);
    if (differs(await readAt(fh, cursor, expectedHeader.length), expectedHeader)) {
      problems.push({ file: e.fileName, message: 'local zip header differs from the central directory (altered name, time, size or flags)' });
    }
    cursor += expectedHeader.length + e.compressedSize;
    const expectedDescriptor = dataDescriptor(e);
    if (expectedDescriptor.length > 0 && differs(await readAt(fh, cursor, expectedDescriptor.length), expectedDescriptor)) {
      problems.push({ file: e.fileName, message: 'zip data descriptor differs from the central directory (altered CRC or size)' });
    }
    cursor += expectedDescriptor.length;
    records.push(centralRecord(e, name));
  }
  const cdStart = cursor;
  const cdSize = records.reduce((n, r) => n + r.length, 0);
  const tail = endRecords(entries.length, cdStart, cdSize);
  if (cdStart + cdSize + tail.length !== fileSize) {
    problems.push({ file: '(container)', message: `the zip is ${fileSize} bytes, its entries and directory account for ${cdStart + cdSize + tail.length}: bytes added or removed` });
    return problems;
  }
  const actual = await readAt(fh, cdStart, cdSize + tail.length);
  let at = 0;
  entries.forEach((e, i) => {
    const r = records[i]!;
    if (differs(actual.subarray(at, at + r.length), r)) {
      problems.push({ file: e.fileName, message: 'central directory record altered (attributes, version, flags, name or sizes)' });
    }
    at += r.length;
  });
  if (differs(actual.subarray(at), tail)) {
    problems.push({ file: '(container)', message: 'end of central directory records altered' });
  }
  return problems;
}
