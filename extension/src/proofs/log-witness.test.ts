// The extension's log witness against checkpoints signed as the helper signs them.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { MerkleTree, leafHash } from '../../../helper/src/store/merkle.ts';
import { noteSignerFromPkcs8, signCheckpoint, verifierKeyOf } from '../../../helper/src/store/checkpoint.ts';
import { witnessCheckpoint } from './log-witness.ts';

const signer = noteSignerFromPkcs8('ebox-keeper.local/00112233aabbccdd', generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
const tree = new MerkleTree();
for (let i = 0; i < 10; i++) tree.appendLeafHash(leafHash(Buffer.from(`entry ${i}`)));
const checkpointAt = (size: number, t = tree) => ({
  note: signCheckpoint({ origin: signer.name, treeSize: size, rootHash: t.root(size) }, signer),
  origin: signer.name,
  treeSize: size,
  rootHash: t.root(size).toString('base64'),
  verifierKey: verifierKeyOf(signer),
  timestamped: false,
});
const consistency = (t: MerkleTree) => async (from: number, to: number) => ({ fromSize: from, toSize: to, path: t.consistencyProof(from, to).map((h) => h.toString('base64')) });

describe('log witness in the extension', () => {
  it('pins the first checkpoint, then accepts a log that only grew', async () => {
    const first = await witnessCheckpoint(undefined, checkpointAt(4), consistency(tree));
    expect(first.status).toEqual({ state: 'first-seen', treeSize: 4 });
    const later = await witnessCheckpoint(first.keep, checkpointAt(9), consistency(tree));
    expect(later.status).toEqual({ state: 'grew', treeSize: 9 });
    expect(later.keep!.treeSize).toBe(9);
  });

  it('raises an alarm when the log shrank, keeping the larger checkpoint as the reference', async () => {
    const seen = (await witnessCheckpoint(undefined, checkpointAt(9), consistency(tree))).keep;
    const shrunk = await witnessCheckpoint(seen, checkpointAt(6), consistency(tree));
    expect(shrunk.status).toEqual({ state: 'shrank', from: 9, to: 6 });
    expect(shrunk.keep).toBe(seen);
  });

  it('raises an alarm for a rewritten history and for another key', async () => {
    const seen = (await witnessCheckpoint(undefined, checkpointAt(5), consistency(tree))).keep;
    const other = new MerkleTree();
    for (let i = 0; i < 10; i++) other.appendLeafHash(leafHash(Buffer.from(i === 2 ? 'replaced' : `entry ${i}`)));
    expect((await witnessCheckpoint(seen, checkpointAt(8, other), consistency(other))).status).toEqual({ state: 'rewritten', from: 5, to: 8 });
    const stranger = noteSignerFromPkcs8(signer.name, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const foreign = { ...checkpointAt(8), verifierKey: verifierKeyOf(stranger) };
    expect((await witnessCheckpoint(seen, foreign, consistency(tree))).status.state).toBe('key-changed');
  });
});
