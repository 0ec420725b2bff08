// RFC 9162 (Certificate Transparency 2.0) section 2.1: leaf and node hashes, and the verification of inclusion
// (2.1.3.2) and consistency (2.1.4.2) proofs. The one copy used by the helper's verify-store, its bundle checks
// and the extension's proof panel.
import { equalBytes } from './bytes.ts';
import { sha256, type Steps } from './crypto.ts';

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256(0x00 || leaf). */
export const leafHashSteps = (leaf: Uint8Array): Steps<Uint8Array> => sha256(LEAF_PREFIX, leaf);
/** SHA-256(0x01 || left || right). */
export const nodeHashSteps = (left: Uint8Array, right: Uint8Array): Steps<Uint8Array> => sha256(NODE_PREFIX, left, right);

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** RFC 9162 2.1.3.2: does `path` prove the leaf hash at `index` is in the tree of `size` leaves with `root`? */
export function* verifyInclusionSteps(leafHash: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): Steps<boolean> {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = yield* nodeHashSteps(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = yield* nodeHashSteps(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

/** RFC 9162 2.1.4.2: is the tree of `to` leaves with `toRoot` an append-only extension of `from` with `fromRoot`? */
export function* verifyConsistencySteps(
  from: number,
  to: number,
  proof: readonly Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): Steps<boolean> {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from <= to)) return false;
  if (from === to) return proof.length === 0 && equalBytes(fromRoot, toRoot);
  if (from === 0) return proof.length === 0 && equalBytes(fromRoot, yield* sha256());
  if (proof.length === 0) return false;
  const path = (from & (from - 1)) === 0 ? [fromRoot, ...proof] : proof;
  let fn = BigInt(from - 1);
  let sn = BigInt(to - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = yield* nodeHashSteps(c, fr);
      sr = yield* nodeHashSteps(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = yield* nodeHashSteps(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, fromRoot) && equalBytes(sr, toRoot);
}
