// RFC 9162 (Certificate Transparency 2.0) Merkle tree as the helper builds it: leaf and node hashes, tree heads,
// inclusion and consistency proofs. Their verification is shared/proof-log's (one copy for the helper and the
// extension), re-exported here. Pure: no I/O.
import { createHash } from 'node:crypto';
import { proofLog } from './proof-log.ts';

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** Largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * An append-only tree that keeps the hash of every complete, aligned subtree (levels[h][i] covers leaves
 * [i * 2^h, (i + 1) * 2^h)), so roots and proofs for any earlier size cost O(log² n) hashes, not O(n).
 */
export class MerkleTree {
  private readonly levels: Hash[][] = [[]];

  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf hash (see leafHash) and returns its index. */
  appendLeafHash(hash: Hash): number {
    const index = this.size;
    this.levels[0]!.push(hash);
    let h = 0;
    let count = this.levels[0]!.length;
    while (count % 2 === 0) {
      const level = this.levels[h]!;
      const parent = nodeHash(level[count - 2]!, level[count - 1]!);
      const up = (this.levels[h + 1] ??= []);
      up.push(parent);
      h++;
      count = up.length;
    }
    return index;
  }

  /** Forgets every leaf from `size` on (undoing appends whose write failed). */
  truncate(size: number): void {
    this.checkSize(size);
    for (let h = 0; h < this.levels.length; h++) this.levels[h]!.length = Math.floor(size / 2 ** h);
  }

  leafHashAt(index: number): Hash {
    const h = this.levels[0]![index];
    if (!h) throw new RangeError(`no leaf ${index} in a tree of ${this.size}`);
    return h;
  }

  /** Root hash of the first `size` leaves (MTH(D[0:size])). */
  root(size = this.size): Hash {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.subtree(0, size);
  }

  /** RFC 9162 2.1.3.1 PATH(index, D[0:size]). */
  inclusionProof(index: number, size = this.size): Hash[] {
    this.checkSize(size);
    if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
    const path: Hash[] = [];
    const walk = (m: number, start: number, end: number): void => {
      const n = end - start;
      if (n === 1) return;
      const k = splitPoint(n);
      if (m - start < k) {
        walk(m, start, start + k);
        path.push(this.subtree(start + k, end));
      } else {
        walk(m, start + k, end);
        path.push(this.subtree(start, start + k));
      }
    };
    walk(index, 0, size);
    return path;
  }

  /** RFC 9162 2.1.4.1 PROOF(from, D[0:to]); empty when from is 0 or from equals to. */
  consistencyProof(from: number, to = this.size): Hash[] {
    this.checkSize(to);
    if (!(from >= 0 && from <= to)) throw new RangeError(`cannot prove consistency from ${from} to ${to}`);
    if (from === 0 || from === to) return [];
    const proof: Hash[] = [];
    const sub = (m: number, start: number, end: number, whole: boolean): void => {
      const n = end - start;
      if (m === n) {
        if (!whole) proof.push(this.subtree(start, end));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        sub(m, start, start + k, whole);
        proof.push(this.subtree(start + k, end));
      } else {
        sub(m - k, start + k, end, false);
        proof.push(this.subtree(start, start + k));
      }
    };
    sub(from, 0, to, true);
    return proof;
  }

  /**
   * Root of the first `size` leaves with some leaf hashes replaced, at O(k log n) hashes for k replacements
   * (verify-store tries whether two entries were swapped).
   */
  rootWith(size: number, replaced: ReadonlyMap<number, Hash>): Hash {
    this.checkSize(size);
    if (size === 0) return EMPTY_ROOT;
    const touched = [...replaced.keys()];
    const mth = (start: number, end: number): Hash => {
      if (!touched.some((i) => i >= start && i < end)) return this.subtree(start, end);
      if (end - start === 1) return replaced.get(start)!;
      const k = splitPoint(end - start);
      return nodeHash(mth(start, start + k), mth(start + k, end));
    };
    return mth(0, size);
  }

  /** MTH(D[start:end]) for the ranges RFC 9162's recursion produces: start is aligned to the split. */
  private subtree(start: number, end: number): Hash {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const h = Math.log2(n);
      const stored = this.levels[h]?.[start / n];
      if (stored) return stored;
    }
    const k = splitPoint(n);
    return nodeHash(this.subtree(start, start + k), this.subtree(start + k, end));
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is not between 0 and ${this.size}`);
    }
  }
}

/** Root of a tree built from these leaf hashes, from scratch. */
export function rootOf(leafHashes: Iterable<Hash>): Hash {
  const tree = new MerkleTree();
  for (const h of leafHashes) tree.appendLeafHash(h);
  return tree.root();
}

/** RFC 9162 2.1.3.2 and 2.1.4.2 verification: the shared verifier (shared/proof-log), on node:crypto. */
export const verifyInclusion = proofLog.verifyInclusion;
export const verifyConsistency = proofLog.verifyConsistency;
