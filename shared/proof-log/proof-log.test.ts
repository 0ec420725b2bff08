// One verifier, two ways of hashing: node:crypto (synchronous, the helper's verify-store) and WebCrypto (the
// extension). Both must accept every proof the helper's tree builder makes and refuse every altered one.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { MerkleTree, leafHash } from '../../helper/src/store/merkle.ts';
import { noteSignerFromPkcs8, signCheckpoint, verifierKeyOf } from '../../helper/src/store/checkpoint.ts';
import { nodeCrypto } from '../../helper/src/store/proof-log.ts';
import { asyncProofLog, syncProofLog, webCrypto } from './index.ts';

const sync = syncProofLog(nodeCrypto);
const web = asyncProofLog(webCrypto);

function tree(size: number): MerkleTree {
  const t = new MerkleTree();
  for (let i = 0; i < size; i++) t.appendLeafHash(leafHash(Buffer.from(`leaf ${i}`)));
  return t;
}

describe('shared proof-log verifier', () => {
  it('verifies every consistency proof between sizes 0..24 with both hashings, and refuses altered ones', async () => {
    const t = tree(24);
    const other = Buffer.alloc(32, 7);
    for (let to = 0; to <= 24; to++) {
      for (let from = 0; from <= to; from++) {
        const proof = t.consistencyProof(from, to);
        const args = [from, to, proof, t.root(from), t.root(to)] as const;
        expect(sync.verifyConsistency(...args), `${from}->${to}`).toBe(true);
        expect(await web.verifyConsistency(...args), `${from}->${to}`).toBe(true);
        if (from > 0 && from < to) {
          expect(sync.verifyConsistency(from, to, proof, t.root(from), other)).toBe(false);
          expect(await web.verifyConsistency(from, to, proof.map((p, i) => (i === 0 ? other : p)), t.root(from), t.root(to))).toBe(false);
          // A store that lost its last entry cannot prove it extends the bigger one.
          expect(sync.verifyConsistency(to - 1, to, t.consistencyProof(to - 1, to), t.root(to), t.root(to - 1))).toBe(false);
        }
      }
    }
  });

  it('verifies inclusion with both hashings', async () => {
    const t = tree(13);
    for (let i = 0; i < 13; i++) {
      const args = [t.leafHashAt(i), i, 13, t.inclusionProof(i, 13), t.root()] as const;
      expect(sync.verifyInclusion(...args)).toBe(true);
      expect(await web.verifyInclusion(...args)).toBe(true);
      expect(await web.verifyInclusion(t.leafHashAt(i), (i + 1) % 13, 13, t.inclusionProof(i, 13), t.root())).toBe(false);
    }
  });

  it('opens a checkpoint signed by the helper with both (Ed25519 on WebCrypto too), and refuses an altered one', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const signer = noteSignerFromPkcs8('ebox-keeper.local/0123456789abcdef', pem);
    const t = tree(5);
    const note = signCheckpoint({ origin: signer.name, treeSize: 5, rootHash: t.root() }, signer);
    const verifier = await web.parseVerifierKey(verifierKeyOf(signer));
    const syncVerifier = sync.parseVerifierKey(verifierKeyOf(signer));
    expect(Buffer.from(syncVerifier.keyId).toString('hex')).toBe(Buffer.from(verifier.keyId).toString('hex'));
    const opened = await web.openCheckpoint(note, verifier);
    expect(opened).toMatchObject({ origin: signer.name, treeSize: 5 });
    expect(Buffer.from(opened.rootHash).equals(t.root())).toBe(true);
    expect(sync.openCheckpoint(note, verifier).treeSize).toBe(5);
    const forged = note.replace('\n5\n', '\n4\n');
    await expect(web.openCheckpoint(forged, verifier)).rejects.toThrow(/signature .* is invalid/);
    expect(() => sync.openCheckpoint(forged, verifier)).toThrow(/signature .* is invalid/);
  });
});
