import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProofStore } from './proof-store.ts';
import { realLogFileOps, scanLog, StorageFullError, FatalStorageError, type LogFileOps } from './record-log.ts';
import { StoreRefusedError } from './store-refusal.ts';
import { leafHash, verifyInclusion, verifyConsistency } from './merkle.ts';
import { openCheckpoint, parseVerifierKey } from './checkpoint.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ebk-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const entry = (i: number) => ({ leaf: Buffer.from(JSON.stringify({ type: 'test', i })), signature: Buffer.from(`sig${i}`) });

describe('ProofStore', () => {
  it('appends concurrently in group commits, each answer proving inclusion under a signed checkpoint', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => store.append(entry(i))));
    expect(new Set(results.map((r) => r.leafIndex)).size).toBe(300);
    const verifier = parseVerifierKey(store.verifierKey);
    const checkpoints = new Set(results.map((r) => r.checkpoint.note));
    expect(checkpoints.size).toBeLessThan(300); // batched: fewer checkpoints than entries
    for (const r of results) {
      const cp = openCheckpoint(r.checkpoint.note, verifier);
      expect(verifyInclusion(r.leafHash, r.leafIndex, cp.treeSize, r.inclusionPath, cp.rootHash)).toBe(true);
    }
    const first = results[0]!.checkpoint;
    expect(verifyConsistency(first.treeSize, 300, store.tree.consistencyProof(first.treeSize, 300), first.rootHash, store.tree.root())).toBe(true);
    await store.close();

    const seen: string[] = [];
    const again = await ProofStore.open({ dir, onEntry: (_i, e) => seen.push(e.leaf.toString()) });
    expect(again.size).toBe(300);
    expect(again.checkpoint!.treeSize).toBe(300);
    expect(again.tree.root().equals(store.tree.root())).toBe(true);
    expect(JSON.parse(seen[7]!)).toEqual({ type: 'test', i: results.findIndex((r) => r.leafIndex === 7) });
    expect((await again.entry(5)).signature.toString()).toMatch(/^sig\d+$/);
    await again.close();
  });

  it('puts every append of one event-loop turn in one group: one write, one checkpoint', async () => {
    const store = await ProofStore.open({ dir: tempDir() });
    // 40 appends from one turn (as a signing thread's batch of answers arrives), then 25 from a later turn.
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(entry(i))));
    const second = await Promise.all(Array.from({ length: 25 }, (_, i) => store.append(entry(40 + i))));
    expect(new Set(first.map((r) => r.checkpoint.treeSize))).toEqual(new Set([40]));
    expect(new Set(second.map((r) => r.checkpoint.treeSize))).toEqual(new Set([65]));
    await store.close();
  });

  it('cuts a torn tail on open and keeps every complete record', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    for (let i = 0; i < 5; i++) await store.append(entry(i));
    await store.close();
    const log = join(dir, 'log.bin');
    const goodSize = statSync(log).size;
    appendFileSync(log, Buffer.from([0, 0, 1, 0, 1, 2, 3, 4, 9, 9])); // a record header promising 256 bytes, cut short
    const again = await ProofStore.open({ dir });
    expect(again.repairedTail?.kind).toBe('torn-tail');
    expect(statSync(log).size).toBe(goodSize);
    expect(again.size).toBe(5);
    await again.append(entry(5));
    await again.close();
  });

  it('refuses to open when a record in the middle is corrupt, naming it', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    for (let i = 0; i < 5; i++) await store.append(entry(i));
    await store.close();
    const log = join(dir, 'log.bin');
    const bytes = readFileSync(log);
    bytes[30]! ^= 0xff; // inside the first entry
    writeFileSync(log, bytes);
    await expect(ProofStore.open({ dir })).rejects.toThrow(/record 0 at byte 8 is damaged \(checksum mismatch\)/);
  });

  it('refuses to start, and touches nothing, when an early record length field was flipped (not a torn tail)', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    for (let i = 0; i < 21; i++) await store.append(entry(i));
    await store.close();
    const log = join(dir, 'log.bin');
    const records = [...scanLog(log, [])];
    const target = records[4]!; // entry 2 (entries and checkpoints alternate)
    const bytes = readFileSync(log);
    bytes[target.offset + 1]! ^= 0x01; // the length now runs past the end of the file
    writeFileSync(log, bytes);
    for (const withWitness of [true, false]) {
      if (!withWitness) rmSync(join(dir, 'witness'), { force: true });
      const err = await ProofStore.open({ dir }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err, `witness ${withWitness}`).toBeInstanceOf(StoreRefusedError);
      expect(err!.message).toContain(`byte ${target.offset}`);
      expect(err!.message).toMatch(/nothing was changed/);
      expect(err!.message).toMatch(/verify-store/);
      expect(readFileSync(log).equals(bytes)).toBe(true);
    }
  });

  it('refuses to start when the log was cut back at a record boundary (rolled back): the witness remembers', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    for (let i = 0; i < 6; i++) await store.append(entry(i));
    await store.close();
    const log = join(dir, 'log.bin');
    const records = [...scanLog(log, [])];
    const cut = records[8]!.offset; // after entry 3's checkpoint: a clean, shorter log
    const bytes = readFileSync(log);
    writeFileSync(log, bytes.subarray(0, cut));
    await expect(ProofStore.open({ dir })).rejects.toThrow(/checkpoint of 6 entries .* the log now ends after 4 entries/s);
    expect(statSync(log).size).toBe(cut);
    writeFileSync(log, bytes);
    const again = await ProofStore.open({ dir });
    expect(again.size).toBe(6);
    await again.close();
  });

  it('cuts a last record whose declared length runs past the end (a crash mid-write), keeping the rest', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    for (let i = 0; i < 3; i++) await store.append(entry(i));
    await store.close();
    const log = join(dir, 'log.bin');
    const goodSize = statSync(log).size;
    const frame = Buffer.alloc(8 + 200, 0x41);
    frame.writeUInt32BE(200, 0);
    appendFileSync(log, frame.subarray(0, 120)); // a record of 200 bytes, cut at 112
    const again = await ProofStore.open({ dir });
    expect(again.repairedTail).toMatchObject({ kind: 'torn-tail', offset: goodSize, bytes: 120 });
    expect(statSync(log).size).toBe(goodSize);
    expect(again.size).toBe(3);
    await again.close();
  });

  it('refuses an append on a full disk and leaves the store consistent', async () => {
    const dir = tempDir();
    let full = false;
    const ops: LogFileOps = {
      ...realLogFileOps,
      async write(handle, data, position) {
        if (full) {
          // A partial write, then ENOSPC: the log must roll the half record back.
          await realLogFileOps.write(handle, data.subarray(0, 10), position);
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        return realLogFileOps.write(handle, data, position);
      },
    };
    const store = await ProofStore.open({ dir, fileOps: ops });
    await store.append(entry(0));
    full = true;
    await expect(store.append(entry(1))).rejects.toBeInstanceOf(StorageFullError);
    expect(store.size).toBe(1);
    full = false;
    const r = await store.append(entry(2));
    expect(r.leafIndex).toBe(1);
    await store.close();
    const again = await ProofStore.open({ dir });
    expect(again.size).toBe(2);
    expect(again.repairedTail).toBeNull();
    await again.close();
  });

  it('treats a failed fsync as fatal: the append is refused and every later one too', async () => {
    const dir = tempDir();
    let failSync = false;
    const fatal: Error[] = [];
    const ops: LogFileOps = {
      ...realLogFileOps,
      datasync: (h) => (failSync ? Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })) : realLogFileOps.datasync(h)),
    };
    const store = await ProofStore.open({ dir, fileOps: ops, onFatal: (e) => fatal.push(e) });
    await store.append(entry(0));
    failSync = true;
    await expect(store.append(entry(1))).rejects.toBeInstanceOf(FatalStorageError);
    expect(fatal).toHaveLength(1);
    failSync = false;
    await expect(store.append(entry(2))).rejects.toBeInstanceOf(FatalStorageError);
  });

  it('never counts an entry before it can be read: the size grows only once the write is done', async () => {
    let release!: () => void;
    const writing = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const writeStarted = new Promise<void>((r) => (started = r));
    let hold = false;
    const ops: LogFileOps = {
      ...realLogFileOps,
      async write(handle, data, position) {
        if (hold) {
          started();
          await writing;
        }
        return realLogFileOps.write(handle, data, position);
      },
    };
    const store = await ProofStore.open({ dir: tempDir(), fileOps: ops });
    await store.append(entry(0));
    hold = true;
    const pending = store.append(entry(1));
    await writeStarted;
    // A reader (the evidence index, a receipt lookup) in the middle of the group commit.
    expect(store.size).toBe(1);
    for (let i = 0; i < store.size; i++) await expect(store.entry(i)).resolves.toBeDefined();
    release();
    expect((await pending).leafIndex).toBe(1);
    expect(store.size).toBe(2);
    expect((await store.entry(1)).leaf.toString()).toBe(entry(1).leaf.toString());
    await store.close();
  });

  it('keeps artifacts and documents by hash', async () => {
    const dir = tempDir();
    const store = await ProofStore.open({ dir });
    const r = await store.append(entry(0));
    const sha = await store.putArtifact(r.leafIndex, 'pdf', Buffer.from('%PDF-1.7 test'));
    expect((await store.blobs.get(sha)).toString()).toBe('%PDF-1.7 test');
    expect(statSync(store.blobs.pathOf(sha)).mode & 0o777).toBe(0o600);
    await store.close();
    const again = await ProofStore.open({ dir });
    expect(again.artifact(0, 'pdf')).toBe(sha);
    expect(leafHash(entry(0).leaf).equals(again.tree.leafHashAt(0))).toBe(true);
    await again.close();
  });
});
