// The extension's inclusion check (shared/proof-log on WebCrypto) against the helper's tree builder
// (helper/src/store/merkle.ts): every leaf of trees of many sizes verifies, and any altered hash, index, size or
// root fails.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { MerkleTree, leafHash as referenceLeafHash } from '../../../helper/src/store/merkle.ts';
import { checkInclusion, proofLog } from './inclusion-check.ts';

function tree(size: number): MerkleTree {
  const t = new MerkleTree();
  for (let i = 0; i < size; i++) t.appendLeafHash(referenceLeafHash(Buffer.from(`leaf ${i}`)));
  return t;
}

const proofOf = (t: MerkleTree, index: number, size = t.size) => ({
  leafIndex: index,
  treeSize: size,
  leafHash: t.leafHashAt(index).toString('base64'),
  path: t.inclusionProof(index, size).map((h) => h.toString('base64')),
});
const checkpointOf = (t: MerkleTree, size = t.size) => ({ treeSize: size, rootHash: t.root(size).toString('base64') });

describe('inclusion check (RFC 9162 2.1.3.2)', () => {
  it('hashes leaves as the helper does', async () => {
    expect(Buffer.from(await proofLog.leafHash(Buffer.from('leaf 3'))).equals(referenceLeafHash(Buffer.from('leaf 3')))).toBe(true);
  });

  it('verifies every leaf of trees from 1 to 33 leaves, at every earlier size too', async () => {
    const t = tree(33);
    for (let size = 1; size <= 33; size++) {
      for (let index = 0; index < size; index++) {
        expect(await checkInclusion(proofOf(t, index, size), checkpointOf(t, size)), `leaf ${index} of ${size}`).toBe('verified');
      }
    }
  });

  it('fails an altered leaf, path hash, index or root, and a proof one step short or long', async () => {
    const t = tree(21);
    const proof = proofOf(t, 13);
    const checkpoint = checkpointOf(t);
    const other = createHash('sha256').update('other').digest('base64');
    expect(await checkInclusion({ ...proof, leafHash: other }, checkpoint)).toBe('failed');
    expect(await checkInclusion({ ...proof, path: proof.path.map((p, i) => (i === 1 ? other : p)) }, checkpoint)).toBe('failed');
    expect(await checkInclusion({ ...proof, leafIndex: 12 }, checkpoint)).toBe('failed');
    expect(await checkInclusion(proof, { ...checkpoint, rootHash: other })).toBe('failed');
    expect(await checkInclusion({ ...proof, path: proof.path.slice(1) }, checkpoint)).toBe('failed');
    expect(await checkInclusion({ ...proof, path: [...proof.path, other] }, checkpoint)).toBe('failed');
  });

  it('refuses out-of-range indexes and says when proof and checkpoint are of different sizes', async () => {
    const t = tree(8);
    const root = t.root();
    expect(await proofLog.verifyInclusion(t.leafHashAt(0), 8, 8, [], root)).toBe(false);
    expect(await proofLog.verifyInclusion(t.leafHashAt(0), -1, 8, [], root)).toBe(false);
    expect(await checkInclusion(proofOf(t, 2, 5), checkpointOf(t, 8))).toBe('size-mismatch');
  });
});
