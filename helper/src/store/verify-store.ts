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
import { StoreWitness } from './witness.ts';
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
  /** With --since: what became of the store since that checkpoint. */
  since?: GrowthReport;
  problems: StoreProblem[];
  durationMs: number;
}

export interface VerifyStoreOptions {
  /** Pin the checkpoint key (`<name>+<id>+<key>`) instead of trusting store.json. */
  verifierKey?: string;
  /** Also verify every entry's CMS signature (slow: one public-key operation per entry). */
  signatures?: boolean;
  /**
   * A checkpoint (signed note) saved earlier, elsewhere: prove the store only grew since (RFC 9162 consistency).
   * A store that shrank or whose history differs is a problem.
   */
  since?: string;
}

export interface GrowthReport {
  /** The size of the checkpoint given with --since. */
  fromSize: number;
  toSize: number;
  /** grew or unchanged: proven by a consistency proof; shrank or rewritten: an alarm. */
  verdict: 'grew' | 'unchanged' | 'shrank' | 'rewritten';
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
  /** The previous checkpoint's size and how many entries had been read when it came. */
  let previousClaim: { size: number; entriesRead: number } | null = null;
  /** Entries found missing so far: checkpoints after them cannot be checked against their entries. */
  let missing = 0;
  /** Swapped entries found so far, put back in place for the checkpoints after them. */
  const swapped = new Map<number, Hash>();
  const entryRecords: number[] = [];
  let unresolved: StoreProblem[] = [];
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
      entryRecords.push(raw.number);
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
      // Entries are written in groups, each followed by its checkpoint: the group's size is the difference of two
      // checkpoints' sizes, so a group that holds fewer entries lost exactly those (named one by one when the group
      // had one entry, as a range of its entries otherwise), and later groups are not blamed for it.
      const claimedBefore = previousClaim?.size ?? 0;
      const readInGroup = tree.size - (previousClaim?.entriesRead ?? 0);
      const missingInGroup = cp.treeSize - claimedBefore - readInGroup;
      previousClaim = { size: cp.treeSize, entriesRead: tree.size };
      if (last && cp.treeSize < last.size) {
        problems.push({ ...where, message: `checkpoint in record ${raw.number} shrinks the tree from ${last.size} to ${cp.treeSize}` });
        continue;
      }
      if (missingInGroup > 0) {
        missing += missingInGroup;
        const range = cp.treeSize - 1 === claimedBefore ? `entry ${claimedBefore} is` : readInGroup === 0 ? `entries ${claimedBefore} to ${cp.treeSize - 1} are` : `${missingInGroup} of entries ${claimedBefore} to ${cp.treeSize - 1} (written together) are`;
        problems.push({ ...where, entry: claimedBefore, message: `${range} missing: the checkpoint in record ${raw.number} at byte ${raw.offset} covers ${cp.treeSize} entries, ${missing} fewer precede it` });
        continue;
      }
      if (missing > 0 || cp.treeSize > tree.size) continue; // nothing to compare its root with: said above
      const from = last?.size ?? 0;
      if (tree.rootWith(cp.treeSize, swapped).equals(cp.rootHash)) {
        if (last && swapped.size === 0 && !verifyConsistency(last.size, cp.treeSize, tree.consistencyProof(last.size, cp.treeSize), last.root, cp.rootHash)) {
          problems.push({ ...where, message: `checkpoint in record ${raw.number} is not consistent with the checkpoint of size ${last.size}` });
        }
        last = { size: cp.treeSize, root: cp.rootHash };
        unresolved = [];
        continue;
      }
      const swap = findSwap(tree, swapped, from, cp.treeSize, cp.rootHash);
      if (swap) {
        // Earlier checkpoints of the same range failed because of it: one message says what happened.
        for (const u of unresolved) problems.splice(problems.indexOf(u), 1);
        unresolved = [];
        swapped.set(swap[0], tree.leafHashAt(swap[1]));
        swapped.set(swap[1], tree.leafHashAt(swap[0]));
        problems.push({ ...where, entry: swap[0], message: `entries ${swap[0]} and ${swap[1]} were swapped: record ${entryRecords[swap[0]]} holds entry ${swap[1]} and record ${entryRecords[swap[1]]} holds entry ${swap[0]}` });
        last = { size: cp.treeSize, root: cp.rootHash };
        continue;
      }
      const problem = { ...where, message: `checkpoint in record ${raw.number} (size ${cp.treeSize}) does not match the entries: ${pinpoint(logPath, entryOffsets, from, cp.treeSize)}`, entry: from };
      problems.push(problem);
      unresolved.push(problem);
    } else if (r.kind === 'checkpointTimestamp') {
      timestamps++;
      try {
        if (r.treeSize > tree.size) throw new Error(`it is for tree size ${r.treeSize}, beyond the ${tree.size} entries before it`);
        const body = formatCheckpointBody({ origin: info.origin, treeSize: r.treeSize, rootHash: tree.rootWith(r.treeSize, swapped) });
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

  const treeSize = last?.size ?? 0;
  const rootHash = last ? last.root : tree.root(0);
  const witnessRead = new StoreWitness(join(storeDir, 'witness')).read();
  if (witnessRead.state === 'unreadable') problems.push({ file: 'witness', message: 'the witness file is unreadable: what was acknowledged cannot be compared with the log' });
  if (witnessRead.state === 'present') {
    const w = witnessRead.witness;
    const growth = growthSince(w.note, verifier, treeSize, rootHash, tree, swapped, missing);
    if (growth instanceof Error) problems.push({ file: 'witness', message: `the witness file's checkpoint: ${growth.message}` });
    else if (growth.verdict === 'shrank') problems.push({ file: 'witness', message: `ALARM: the store shrank: the witness file recorded a checkpoint of ${w.treeSize} entries, the log's newest checkpoint covers ${treeSize}` });
    else if (growth.verdict === 'rewritten') problems.push({ file: 'witness', message: `ALARM: the log's first ${w.treeSize} entries are not those the witness file's checkpoint signed: its history was rewritten` });
  }
  let since: GrowthReport | undefined;
  if (options.since !== undefined) {
    const growth = growthSince(options.since, verifier, treeSize, rootHash, tree, swapped, missing);
    if (growth instanceof Error) problems.push({ message: `the checkpoint given with --since: ${growth.message}` });
    else {
      since = growth;
      if (growth.verdict === 'shrank') problems.push({ message: `ALARM: the store shrank: the checkpoint given with --since covers ${growth.fromSize} entries, the store's newest covers ${treeSize}` });
      if (growth.verdict === 'rewritten') problems.push({ message: `ALARM: the store is not an extension of the checkpoint given with --since (${growth.fromSize} entries): its history was rewritten` });
    }
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
    treeSize,
    rootHash: rootHash.toString('base64'),
    uncheckpointedEntries: tree.size - treeSize,
    ...(since ? { since } : {}),
    problems,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Did the store only grow since this checkpoint? Its signature must be the store's; then RFC 9162: a consistency
 * proof from its size to the newest checkpoint, made from the entries as read, verified against both roots.
 */
function growthSince(
  note: string,
  verifier: ReturnType<typeof parseVerifierKey>,
  toSize: number,
  toRoot: Hash,
  tree: MerkleTree,
  swapped: ReadonlyMap<number, Hash>,
  missing: number,
): GrowthReport | Error {
  let cp;
  try {
    cp = openCheckpoint(note, verifier);
  } catch (err) {
    return err as Error;
  }
  const report = (verdict: GrowthReport['verdict']): GrowthReport => ({ fromSize: cp.treeSize, toSize, verdict });
  if (cp.treeSize > toSize || missing > 0) return report('shrank');
  if (swapped.size > 0) return report(tree.rootWith(cp.treeSize, swapped).equals(cp.rootHash) ? 'grew' : 'rewritten');
  const proof = tree.consistencyProof(cp.treeSize, toSize);
  if (!verifyConsistency(cp.treeSize, toSize, proof, cp.rootHash, toRoot)) return report('rewritten');
  return report(cp.treeSize === toSize ? 'unchanged' : 'grew');
}

/** Two entries in [from, to) whose exchange makes the tree match the checkpoint's root (a swap), if any. */
function findSwap(tree: MerkleTree, swapped: ReadonlyMap<number, Hash>, from: number, to: number, root: Hash): [number, number] | null {
  // Pairs grow quadratically: a group commit holds at most 512 entries, and a swap is tried within 64 of them.
  const end = Math.min(to, from + 64);
  for (let i = from; i < end; i++) {
    for (let j = i + 1; j < end; j++) {
      const trial = new Map(swapped);
      trial.set(i, swapped.get(j) ?? tree.leafHashAt(j));
      trial.set(j, swapped.get(i) ?? tree.leafHashAt(i));
      if (tree.rootWith(to, trial).equals(root)) return [i, j];
    }
  }
  return null;
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
