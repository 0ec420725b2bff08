import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, MerkleTree, leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.ts';

// Vectors from transparency-dev/merkle testonly/constants.go (RFC 6962/9162 hashing).
const hex = (s: string) => Buffer.from(s, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NH = {
  l0: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  l1: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0'],
  l2: ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
};

function treeOf(n: number): MerkleTree {
  const t = new MerkleTree();
  for (let i = 0; i < n; i++) t.appendLeafHash(leafHash(Buffer.from(`leaf ${i}`)));
  return t;
}

describe('RFC 9162 Merkle tree', () => {
  const tree = new MerkleTree();
  LEAVES.forEach((l) => tree.appendLeafHash(leafHash(l)));

  it('computes the reference roots for every size, including the empty tree', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(tree.root(n).toString('hex')).toBe(ROOTS[n]);
    expect(rootOf(LEAVES.map(leafHash)).toString('hex')).toBe(ROOTS[8]);
  });

  it('gives the reference inclusion proofs', () => {
    expect(tree.inclusionProof(0, 8).map((h) => h.toString('hex'))).toEqual([NH.l0[0], NH.l1[0], NH.l2[1]]);
    expect(tree.inclusionProof(0, 1)).toEqual([]);
  });

  it('gives the reference consistency proofs (RFC 6962 vectors 1->8, 6->8, 2->5)', () => {
    expect(tree.consistencyProof(1, 8).map((h) => h.toString('hex'))).toEqual([NH.l0[0], NH.l1[0], NH.l2[1]]);
    expect(tree.consistencyProof(6, 8).map((h) => h.toString('hex'))).toEqual([NH.l1[1], NH.l1[2], NH.l2[0]]);
    expect(tree.consistencyProof(2, 5).map((h) => h.toString('hex'))).toEqual([NH.l1[0], NH.l0[1]]);
  });

  it('verifies every inclusion proof of trees up to 40 leaves and refuses every mutated one', () => {
    const t = treeOf(40);
    for (let size = 1; size <= 40; size++) {
      const root = t.root(size);
      for (let i = 0; i < size; i++) {
        const leaf = t.leafHashAt(i);
        const path = t.inclusionProof(i, size);
        expect(verifyInclusion(leaf, i, size, path, root)).toBe(true);
        // Mutations that must fail: wrong index, wrong root, flipped bit, dropped, extra, or reordered hash.
        if (size > 1) expect(verifyInclusion(leaf, (i + 1) % size, size, path, root)).toBe(false);
        if (size > 1) expect(verifyInclusion(leaf, i, size, path, t.root(size - 1))).toBe(false);
        expect(verifyInclusion(leaf, i, size, [...path, leaf], root)).toBe(false);
        if (path.length > 0) {
          const flipped = path.map((h) => Buffer.from(h));
          flipped[0]![0]! ^= 1;
          expect(verifyInclusion(leaf, i, size, flipped, root)).toBe(false);
          expect(verifyInclusion(leaf, i, size, path.slice(1), root)).toBe(false);
        }
        if (path.length > 1) expect(verifyInclusion(leaf, i, size, [...path].reverse(), root)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof of trees up to 40 leaves and refuses mutated ones', () => {
    const t = treeOf(40);
    for (let to = 1; to <= 40; to++) {
      for (let from = 0; from <= to; from++) {
        const proof = t.consistencyProof(from, to);
        expect(verifyConsistency(from, to, proof, t.root(from), t.root(to))).toBe(true);
        if (from > 0 && from < to) {
          const badFrom = Buffer.from(t.root(from));
          badFrom[0]! ^= 1;
          expect(verifyConsistency(from, to, proof, badFrom, t.root(to))).toBe(false);
          expect(verifyConsistency(from, to, proof, t.root(from), t.root(to - 1))).toBe(false);
          const flipped = proof.map((h) => Buffer.from(h));
          flipped[flipped.length - 1]![5]! ^= 0x80;
          expect(verifyConsistency(from, to, flipped, t.root(from), t.root(to))).toBe(false);
          expect(verifyConsistency(from, to, proof.slice(0, -1), t.root(from), t.root(to))).toBe(false);
          expect(verifyConsistency(from + 1, to, proof, t.root(from), t.root(to))).toBe(false);
        }
      }
    }
  });

  it('matches a naive recursive MTH for random sizes (property)', () => {
    const naive = (hs: Buffer[]): Buffer => {
      if (hs.length === 1) return hs[0]!;
      let k = 1;
      while (k * 2 < hs.length) k *= 2;
      return createHash('sha256').update(Buffer.from([1])).update(naive(hs.slice(0, k))).update(naive(hs.slice(k))).digest();
    };
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }), (leaves) => {
        const hs = leaves.map((l) => leafHash(l));
        const t = new MerkleTree();
        hs.forEach((h) => t.appendLeafHash(h));
        return t.root().equals(naive(hs));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses sizes beyond the tree', () => {
    expect(() => tree.root(9)).toThrow(RangeError);
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
  });
});
