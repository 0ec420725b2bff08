// verify-store: walks the whole proof store as an outsider would: every record's checksum, the Merkle tree
// recomputed from every entry, every checkpoint's signature, size, root and consistency with the one before, every
// checkpoint time-stamp, and every blob's hash. Each problem names the record, the entry or the file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MerkleTree, leafHash, verifyConsistency, type Hash } from './merkle.ts';
import { formatCheckpointBody, openCheckpoint, parseVerifierKey } from './checkpoint.ts';
import { scanLog, type ScanProblem } from './record-log.ts';
import { decodeRecord, type StoreRecord } from './records.ts';
import { BlobStore } from './blob-store.ts';
import type { StoreInfo } from './proof-store.ts';
import { verifyCms } from '../cms/verifier.ts';
import { readTimestampToken } from '../cms/verifier.ts';

export interface StoreProblem {
  /** What is wrong, in one sentence that names the record, entry or file. */
  message: string;
  record?: number;
  byteOffset?: number;
  entry?: number;
  file?: string;
}

export interface VerifyStoreReport {
  ok: boolean;
  storeDir: string;
  origin: string;
  entries: number;
  checkpoints: number;
  checkpointTimestamps: number;
  artifacts: number;
  blobs: number;
  treeSize: number;
  rootHash: string;
  /** Entries after the last checkpoint: written, but never acknowledged (the helper stopped before answering). */
  uncheckpointedEntries: number;
  problems: StoreProblem[];
  durationMs: number;
}

export interface VerifyStoreOptions {
  /** Pin the checkpoint key (`<name>+<id>+<key>`) instead of trusting store.json. */
  verifierKey?: string;
  /** Also verify every entry's CMS signature (slow: one public-key operation per entry). */
  signatures?: boolean;
}

export function verifyStore(storeDir: string, options: VerifyStoreOptions = {}): VerifyStoreReport {
  const started = performance.now();
  const problems: StoreProblem[] = [];
  if (!existsSync(join(storeDir, 'store.json'))) throw new Error(`there is no proof store in ${storeDir} (wrong --data-dir?)`);
  const info = JSON.parse(readFileSync(join(storeDir, 'store.json'), 'utf8')) as StoreInfo;
  const verifier = parseVerifierKey(options.verifierKey ?? info.verifierKey);
  if (options.verifierKey && options.verifierKey !== info.verifierKey) {
    problems.push({ message: `store.json names another checkpoint key than the pinned one`, file: 'store.json' });
  }
  const tree = new MerkleTree();
  const entryOffsets: number[] = [];
  const artifacts: { leafIndex: number; sha256: string; record: number }[] = [];
  let checkpoints = 0;
  let timestamps = 0;
  let last: { size: number; root: Hash } | null = null;
  const scanProblems: ScanProblem[] = [];
  const logPath = join(storeDir, 'log.bin');
  if (!existsSync(logPath)) problems.push({ message: 'the store has no log.bin', file: 'log.bin' });
  const records = existsSync(logPath) ? scanLog(logPath, scanProblems) : [];

  for (const raw of records) {
    const where = { record: raw.number, byteOffset: raw.offset };
    let r: StoreRecord;
    try {
      r = decodeRecord(raw.payload);
    } catch (err) {
      problems.push({ ...where, entry: tree.size, message: `record ${raw.number} at byte ${raw.offset} (after entry ${tree.size - 1}): ${(err as Error).message}` });
      continue;
    }
    if (r.kind === 'entry') {
      entryOffsets.push(raw.offset);
      const index = tree.appendLeafHash(leafHash(r.leaf));
      if (options.signatures && r.signature.length > 0) {
        try {
          verifyCms(r.signature, r.leaf);
        } catch (err) {
          problems.push({ ...where, entry: index, message: `entry ${index} (record ${raw.number}): its signature does not verify: ${(err as Error).message}` });
        }
      }
    } else if (r.kind === 'checkpoint') {
      checkpoints++;
      let cp;
      try {
        cp = openCheckpoint(r.note, verifier);
      } catch (err) {
        problems.push({ ...where, message: `checkpoint in record ${raw.number} at byte ${raw.offset}: ${(err as Error).message}` });
        continue;
      }
      if (cp.origin !== info.origin) problems.push({ ...where, message: `checkpoint in record ${raw.number} is for origin ${cp.origin}, not ${info.origin}` });
      if (cp.treeSize > tree.size) {
        problems.push({ ...where, message: `checkpoint in record ${raw.number} covers ${cp.treeSize} entries but only ${tree.size} precede it: entries ${tree.size} to ${cp.treeSize - 1} are missing` });
        continue;
      }
      if (last && cp.treeSize < last.size) {
        problems.push({ ...where, message: `checkpoint in record ${raw.number} shrinks the tree from ${last.size} to ${cp.treeSize}` });
        continue;
      }
      const root = tree.root(cp.treeSize);
      if (!root.equals(cp.rootHash)) {
        const from = last?.size ?? 0;
        problems.push({ ...where, message: `checkpoint in record ${raw.number} (size ${cp.treeSize}) does not match the entries: ${pinpoint(logPath, entryOffsets, from, cp.treeSize)}`, entry: from });
        continue;
      }
      if (last && !verifyConsistency(last.size, cp.treeSize, tree.consistencyProof(last.size, cp.treeSize), last.root, cp.rootHash)) {
        problems.push({ ...where, message: `checkpoint in record ${raw.number} is not consistent with the checkpoint of size ${last.size}` });
      }
      last = { size: cp.treeSize, root: cp.rootHash };
    } else if (r.kind === 'checkpointTimestamp') {
      timestamps++;
      try {
        if (r.treeSize > tree.size) throw new Error(`it is for tree size ${r.treeSize}, beyond the ${tree.size} entries before it`);
        const body = formatCheckpointBody({ origin: info.origin, treeSize: r.treeSize, rootHash: tree.root(r.treeSize) });
        const ts = readTimestampToken(r.token);
        if (!ts.imprint.equals(createHash(ts.hashAlgorithm).update(body).digest())) throw new Error('it does not cover the checkpoint of that size');
      } catch (err) {
        problems.push({ ...where, message: `checkpoint time-stamp in record ${raw.number}: ${(err as Error).message}` });
      }
    } else {
      artifacts.push({ leafIndex: r.leafIndex, sha256: r.sha256.toString('hex'), record: raw.number });
    }
  }
  for (const p of scanProblems) {
    problems.push(
      p.kind === 'torn-tail'
        ? { byteOffset: p.offset, entry: tree.size, message: `the log's last ${p.bytes} bytes at byte ${p.offset} (after entry ${tree.size - 1}) are unreadable (${p.reason}): a write cut short by a crash, or an alteration; starting the helper cuts them off` }
        : { byteOffset: p.offset, record: p.recordNumber, entry: tree.size, message: `record ${p.recordNumber} at byte ${p.offset} (after entry ${tree.size - 1}) is corrupt: ${p.reason}` },
    );
  }

  const blobs = new BlobStore(join(storeDir, 'blobs'));
  const artifactOf = new Map(artifacts.map((a) => [a.sha256, a]));
  let blobCount = 0;
  for (const name of blobs.list()) {
    blobCount++;
    const actual = createHash('sha256').update(readFileSync(blobs.pathOf(name))).digest('hex');
    if (actual !== name) {
      const a = artifactOf.get(name);
      problems.push({
        file: `blobs/${name.slice(0, 2)}/${name}`,
        ...(a ? { entry: a.leafIndex } : {}),
        message: `blob ${name} was altered${a ? ` (the signed PDF of entry ${a.leafIndex})` : ' (a stored document)'}: its bytes hash to ${actual}`,
      });
    }
  }
  for (const a of artifacts) {
    if (a.leafIndex >= tree.size) problems.push({ record: a.record, message: `artifact record ${a.record} names entry ${a.leafIndex}, which does not exist` });
    else if (!blobs.has(a.sha256)) problems.push({ record: a.record, entry: a.leafIndex, file: `blobs/${a.sha256.slice(0, 2)}/${a.sha256}`, message: `the signed PDF of entry ${a.leafIndex} (blob ${a.sha256}) is missing` });
  }

  return {
    ok: problems.length === 0,
    storeDir,
    origin: info.origin,
    entries: tree.size,
    checkpoints,
    checkpointTimestamps: timestamps,
    artifacts: artifacts.length,
    blobs: blobCount,
    treeSize: last?.size ?? 0,
    rootHash: (last ? last.root : tree.root(0)).toString('base64'),
    uncheckpointedEntries: tree.size - (last?.size ?? 0),
    problems,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Which entry in [from, to) was changed when its checksum still holds (rewritten by someone who recomputed it)?
 * Entries carry their own signature: the ones whose signature no longer verifies are named.
 */
function pinpoint(logPath: string, offsets: number[], from: number, to: number): string {
  const bad: number[] = [];
  const problems: ScanProblem[] = [];
  let i = -1;
  const wanted = new Set(offsets.slice(from, to));
  for (const raw of scanLog(logPath, problems)) {
    if (!wanted.has(raw.offset)) continue;
    i = offsets.indexOf(raw.offset, Math.max(i, from));
    const r = decodeRecord(raw.payload);
    if (r.kind !== 'entry' || r.signature.length === 0) continue;
    try {
      verifyCms(r.signature, r.leaf);
    } catch {
      bad.push(i);
    }
  }
  return bad.length ? `entry ${bad.join(', entry ')} no longer matches its signature` : `one of entries ${from} to ${to - 1} was changed`;
}
