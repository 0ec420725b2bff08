// The store's witness: the newest checkpoint the helper acknowledged with, and the log's length then, kept in
// <store>/witness beside the log. A log that is shorter than the witness says, or damaged before that length, or
// whose tree at that size has another root, lost acknowledged entries: the helper refuses it instead of cutting
// it as a torn tail. Written after each group's fdatasync and before anyone is answered, so it never runs ahead
// of the log. Two fixed slots, each with its own CRC, written in turn: a write cut short by a crash spoils only
// the slot being written. Not fsynced itself (one sync per group is the log's): after a power loss it may be an
// older witness, which is still a true lower bound.
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('EBKWIT\x00\x01', 'latin1');
const SLOT_BYTES = 4096;
const HEADER_BYTES = MAGIC.length + 8 + 4 + 4;

export interface WitnessState {
  /** Entries covered by the checkpoint. */
  treeSize: number;
  /** Length of log.bin once that checkpoint's group was durable. */
  logBytes: number;
  /** The signed checkpoint note. */
  note: string;
}

export type WitnessRead = { state: 'absent' } | { state: 'unreadable' } | { state: 'present'; witness: WitnessState };

function decodeSlot(slot: Buffer): { seq: bigint; witness: WitnessState } | null {
  if (!slot.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const seq = slot.readBigUInt64BE(MAGIC.length);
  const length = slot.readUInt32BE(MAGIC.length + 8);
  const crc = slot.readUInt32BE(MAGIC.length + 12);
  if (length > SLOT_BYTES - HEADER_BYTES) return null;
  const body = slot.subarray(HEADER_BYTES, HEADER_BYTES + length);
  if (crc32(body) !== crc) return null;
  try {
    const w = JSON.parse(body.toString('utf8')) as WitnessState;
    if (!Number.isSafeInteger(w.treeSize) || !Number.isSafeInteger(w.logBytes) || typeof w.note !== 'string') return null;
    return { seq, witness: { treeSize: w.treeSize, logBytes: w.logBytes, note: w.note } };
  } catch {
    return null;
  }
}

export class StoreWitness {
  readonly path: string;
  private fd: number | null = null;
  private seq = 0n;

  constructor(path: string) {
    this.path = path;
  }

  /** The newest intact slot. A file with no intact slot is 'unreadable' (the caller decides). */
  read(): WitnessRead {
    if (!existsSync(this.path)) return { state: 'absent' };
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      let best: { seq: bigint; witness: WitnessState } | null = null;
      for (let at = 0; at + HEADER_BYTES <= size && at < 2 * SLOT_BYTES; at += SLOT_BYTES) {
        const slot = Buffer.alloc(SLOT_BYTES);
        readSync(fd, slot, 0, SLOT_BYTES, at);
        const decoded = decodeSlot(slot);
        if (decoded && (!best || decoded.seq > best.seq)) best = decoded;
      }
      if (!best) return { state: 'unreadable' };
      this.seq = best.seq;
      return { state: 'present', witness: best.witness };
    } finally {
      closeSync(fd);
    }
  }

  /** Records a newer checkpoint in the slot not holding the current one. */
  write(witness: WitnessState): void {
    this.fd ??= openSync(this.path, existsSync(this.path) ? 'r+' : 'w+', 0o600);
    const body = Buffer.from(JSON.stringify(witness), 'utf8');
    if (body.length > SLOT_BYTES - HEADER_BYTES) throw new Error('checkpoint note too long for the witness');
    this.seq++;
    const slot = Buffer.alloc(HEADER_BYTES + body.length);
    MAGIC.copy(slot, 0);
    slot.writeBigUInt64BE(this.seq, MAGIC.length);
    slot.writeUInt32BE(body.length, MAGIC.length + 8);
    slot.writeUInt32BE(crc32(body), MAGIC.length + 12);
    body.copy(slot, HEADER_BYTES);
    writeSync(this.fd, slot, 0, slot.length, Number(this.seq % 2n) * SLOT_BYTES);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
