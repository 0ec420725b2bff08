// Checks, in the extension, that a receipt really is in the helper's log: RFC 9162 section 2.1.3.2 over the
// inclusion proof the helper returned, ending at the root its signed checkpoint states. The same algorithm as the
// helper's helper/src/store/merkle.ts (the reference), on WebCrypto so it runs in the service worker. No DOM.
import type { Checkpoint, InclusionProof } from '../../../shared/helper-api/index.ts';

const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(0x01), left, right);
/** SHA-256(0x00 || leaf). */
export const leafHash = (leaf: Uint8Array) => sha256(Uint8Array.of(0x00), leaf);

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 2.1.3.2: does `path` prove the leaf hash at `index` is in the tree of `size` leaves with `root`? */
export async function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equal(r, root);
}

export type InclusionStatus =
  /** The proof leads to the checkpoint's root. */
  | 'verified'
  /** The proof does not: the helper's answer is inconsistent or was altered. */
  | 'failed'
  /** The proof is for another tree size than the checkpoint's: nothing to compare it with. */
  | 'size-mismatch';

/** Checks a helper inclusion proof (base64 hashes) against a checkpoint of the same tree size. */
export async function checkInclusion(proof: InclusionProof, checkpoint: Pick<Checkpoint, 'treeSize' | 'rootHash'>): Promise<InclusionStatus> {
  if (proof.treeSize !== checkpoint.treeSize) return 'size-mismatch';
  const ok = await verifyInclusion(fromBase64(proof.leafHash), proof.leafIndex, proof.treeSize, proof.path.map(fromBase64), fromBase64(checkpoint.rootHash));
  return ok ? 'verified' : 'failed';
}
