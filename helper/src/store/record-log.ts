// The append-only record log under the proof store: `[u32 length][u32 CRC-32 of payload][payload]`, big-endian,
// after an 8-byte file magic. Writes are positional and followed by fdatasync before anyone is told they are
// durable; a failed fsync is fatal (Linux may have dropped the dirty pages, so retrying would lie). A torn tail (the
// last write cut short by a crash: a bad record with no valid record anywhere after it, beyond what the witness
// says was acknowledged) is cut off on open; anything else is corruption, which is refused, never cut or skipped.
import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, type PathLike } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { StoreRefusedError } from './store-refusal.ts';

export const LOG_MAGIC = Buffer.from('EBKLOG\x00\x01', 'latin1');
export const RECORD_HEADER_BYTES = 8;
/** A record larger than this is a corrupt length field, not a record. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface LogRecord {
  /** Position of the record among all records, from 0. */
  number: number;
  offset: number;
  payload: Buffer;
}

export type ScanProblem =
  /** The last record is cut short or damaged and nothing valid follows it: a write interrupted by a crash. */
  | { kind: 'torn-tail'; offset: number; recordNumber: number; bytes: number; reason: string }
  /** A bad record with a valid record after it (at `nextRecordAt`), or a file that is not a log at all. */
  | { kind: 'corrupt'; offset: number; recordNumber: number; reason: string; nextRecordAt?: number };

export type TornTail = Extract<ScanProblem, { kind: 'torn-tail' }>;

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export class FatalStorageError extends Error {
  override name = 'FatalStorageError';
}

export function frameRecord(payload: Buffer): Buffer {
  const header = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
  header.writeUInt32BE(payload.length, 0);
  header.writeUInt32BE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/**
 * Reads records in order with a 4 MiB sliding buffer (flat memory for any log size). Stops at the first bad
 * record and reports whether it is a torn tail (it reaches the end of the file, or only zeros follow) or corruption.
 */
export function* scanLog(path: PathLike, problems: ScanProblem[]): Generator<LogRecord> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const magic = Buffer.alloc(LOG_MAGIC.length);
    readSync(fd, magic, 0, magic.length, 0);
    if (size < LOG_MAGIC.length || !magic.equals(LOG_MAGIC)) {
      problems.push({ kind: 'corrupt', offset: 0, recordNumber: -1, reason: 'the file does not start with the e-Box Keeper log magic' });
      return;
    }
    let buf = Buffer.alloc(4 * 1024 * 1024);
    let bufStart = LOG_MAGIC.length; // file offset of buf[0]
    let bufLen = 0;
    let offset = LOG_MAGIC.length;
    let number = 0;
    const ensure = (need: number): boolean => {
      // Makes buf hold [offset, offset + need) if the file has it.
      if (offset + need > size) return false;
      if (offset + need <= bufStart + bufLen) return true;
      const keep = bufStart + bufLen - offset;
      if (need > buf.length) {
        const bigger = Buffer.alloc(need + 1024 * 1024);
        buf.copy(bigger, 0, offset - bufStart, offset - bufStart + keep);
        buf = bigger;
      } else {
        buf.copy(buf, 0, offset - bufStart, offset - bufStart + keep);
      }
      bufStart = offset;
      bufLen = keep;
      while (bufLen < need) {
        const n = readSync(fd, buf, bufLen, buf.length - bufLen, bufStart + bufLen);
        if (n === 0) return false;
        bufLen += n;
      }
      return true;
    };
    // The first offset after `from` where a whole record with a valid checksum starts, or -1. Zeros (a file extended
    // but not written) and a record cut short never qualify; real data after a bad record always does.
    const validRecordAfter = (from: number): number => {
      const chunk = Buffer.alloc(1024 * 1024);
      for (let base = from + 1; base + RECORD_HEADER_BYTES < size; ) {
        const n = readSync(fd, chunk, 0, chunk.length, base);
        if (n < RECORD_HEADER_BYTES) break;
        for (let i = 0; i + RECORD_HEADER_BYTES <= n; i++) {
          const length = chunk.readUInt32BE(i);
          const at = base + i;
          if (length === 0 || length > MAX_RECORD_BYTES || at + RECORD_HEADER_BYTES + length > size) continue;
          const payload = Buffer.alloc(length);
          readSync(fd, payload, 0, length, at + RECORD_HEADER_BYTES);
          if (crc32(payload) === chunk.readUInt32BE(i + 4)) return at;
        }
        base += n - RECORD_HEADER_BYTES + 1;
      }
      return -1;
    };
    while (offset < size) {
      const bad = (reason: string): void => {
        const next = validRecordAfter(offset);
        problems.push(
          next < 0
            ? { kind: 'torn-tail', offset, recordNumber: number, bytes: size - offset, reason }
            : { kind: 'corrupt', offset, recordNumber: number, reason, nextRecordAt: next },
        );
      };
      if (!ensure(RECORD_HEADER_BYTES)) {
        bad('the record header is cut short');
        return;
      }
      const length = buf.readUInt32BE(offset - bufStart);
      const crc = buf.readUInt32BE(offset - bufStart + 4);
      if (length === 0 || length > MAX_RECORD_BYTES) {
        bad(`record length ${length} is impossible`);
        return;
      }
      if (!ensure(RECORD_HEADER_BYTES + length)) {
        bad(`the record declares ${length} bytes but the file ends first`);
        return;
      }
      const start = offset - bufStart + RECORD_HEADER_BYTES;
      const payload = buf.subarray(start, start + length);
      if (crc32(payload) !== crc) {
        bad('checksum mismatch');
        return;
      }
      yield { number, offset, payload: Buffer.from(payload) };
      number++;
      offset += RECORD_HEADER_BYTES + length;
    }
  } finally {
    closeSync(fd);
  }
}

/** Why a scan problem is not a torn tail that may be cut, or null when it is one. */
function refusalOf(problem: ScanProblem, acknowledgedBytes: number): string | null {
  if (problem.recordNumber < 0) return `log.bin is not an e-Box Keeper log (${problem.reason})`;
  const where = `record ${problem.recordNumber} at byte ${problem.offset} is damaged (${problem.reason})`;
  if (problem.kind === 'corrupt') {
    return `${where} and a valid record follows at byte ${problem.nextRecordAt}: this is not a write cut short by a crash`;
  }
  if (problem.offset < acknowledgedBytes) {
    return `${where}, inside the first ${acknowledgedBytes} bytes that the witness file says were acknowledged`;
  }
  return null;
}

/** fsync of a directory, so a file created or renamed in it survives power loss. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** File operations the log needs; tests substitute failing ones to prove the error paths. */
export interface LogFileOps {
  write(handle: FileHandle, data: Buffer, position: number): Promise<void>;
  datasync(handle: FileHandle): Promise<void>;
  truncate(handle: FileHandle, length: number): Promise<void>;
}

export const realLogFileOps: LogFileOps = {
  async write(handle, data, position) {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
      done += bytesWritten;
    }
  },
  datasync: (handle) => handle.datasync(),
  truncate: (handle, length) => handle.truncate(length),
};

export class RecordLog {
  private fatal: Error | null = null;
  private writing = false;

  readonly path: string;
  private readonly handle: FileHandle;
  private end: number;
  private readonly ops: LogFileOps;

  private constructor(path: string, handle: FileHandle, end: number, ops: LogFileOps) {
    this.path = path;
    this.handle = handle;
    this.end = end;
    this.ops = ops;
  }

  /**
   * Opens (creating if needed) and scans the log, calling `onRecord` for each record in order. A torn tail past
   * `acknowledgedBytes` (what the witness says was acknowledged) is cut off (and fsynced) and reported; anything
   * else that is wrong throws StoreRefusedError, naming the record, and leaves the file as it was.
   */
  static async open(
    path: string,
    onRecord: (record: LogRecord) => void,
    ops: LogFileOps = realLogFileOps,
    acknowledgedBytes = 0,
  ): Promise<{ log: RecordLog; repairedTail: TornTail | null }> {
    let created = false;
    let handle: FileHandle;
    try {
      handle = await open(path, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      handle = await open(path, 'wx+', 0o600);
      await ops.write(handle, LOG_MAGIC, 0);
      await ops.datasync(handle);
      fsyncDirectory(dirname(path));
      created = true;
    }
    let end = LOG_MAGIC.length;
    let repairedTail: TornTail | null = null;
    if (!created) {
      const problems: ScanProblem[] = [];
      for (const record of scanLog(path, problems)) {
        onRecord(record);
        end = record.offset + RECORD_HEADER_BYTES + record.payload.length;
      }
      const problem = problems[0];
      const refusal = problem && refusalOf(problem, acknowledgedBytes);
      if (refusal) {
        await handle.close();
        throw new StoreRefusedError(dirname(path), refusal);
      }
      if (problem?.kind === 'torn-tail') {
        await ops.truncate(handle, end);
        await ops.datasync(handle);
        repairedTail = problem;
      }
    }
    return { log: new RecordLog(path, handle, end, ops), repairedTail };
  }

  get byteLength(): number {
    return this.end;
  }

  /**
   * Appends the payloads as one write and one fdatasync; resolves only once they are durable. Not reentrant: the
   * caller (the proof store's group commit) serialises batches. ENOSPC leaves the log exactly as it was.
   */
  async appendBatch(payloads: Buffer[]): Promise<number[]> {
    if (this.fatal) throw this.fatal;
    if (this.writing) throw new Error('RecordLog.appendBatch is not reentrant');
    this.writing = true;
    try {
      const offsets: number[] = [];
      const frames: Buffer[] = [];
      let at = this.end;
      for (const p of payloads) {
        const f = frameRecord(p);
        offsets.push(at);
        frames.push(f);
        at += f.length;
      }
      const data = Buffer.concat(frames);
      try {
        await this.ops.write(this.handle, data, this.end);
      } catch (err) {
        await this.rollBack(err);
      }
      try {
        await this.ops.datasync(this.handle);
      } catch (err) {
        this.fatal = new FatalStorageError(`fsync of ${this.path} failed (${(err as Error).message}): the helper stops rather than claim a proof is durable`);
        throw this.fatal;
      }
      this.end = at;
      return offsets;
    } finally {
      this.writing = false;
    }
  }

  /** A failed write (disk full, I/O error) is undone by truncating back, so no half record stays behind. */
  private async rollBack(err: unknown): Promise<never> {
    try {
      await this.ops.truncate(this.handle, this.end);
      await this.ops.datasync(this.handle);
    } catch (undo) {
      this.fatal = new FatalStorageError(`could not undo a failed append to ${this.path}: ${(undo as Error).message}`);
      throw this.fatal;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new StorageFullError(`the disk is full: nothing was appended to ${this.path}`);
    throw err;
  }

  get failed(): Error | null {
    return this.fatal;
  }

  /** Reads one record's payload back by its offset. */
  async read(offset: number): Promise<Buffer> {
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    await this.handle.read(header, 0, RECORD_HEADER_BYTES, offset);
    const length = header.readUInt32BE(0);
    const payload = Buffer.alloc(length);
    await this.handle.read(payload, 0, length, offset + RECORD_HEADER_BYTES);
    if (crc32(payload) !== header.readUInt32BE(4)) throw new Error(`record at byte ${offset} of ${this.path} fails its checksum`);
    return payload;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

