import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { noteSignerFromPkcs8, openCheckpoint, parseVerifierKey, signCheckpoint, verifierKeyOf } from './checkpoint.ts';

const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const signer = noteSignerFromPkcs8('ebox-keeper.test', pem);
const root = Buffer.alloc(32, 7);

describe('C2SP checkpoints', () => {
  it('signs a note in the tlog-checkpoint layout and opens it with the verifier key text', () => {
    const note = signCheckpoint({ origin: 'ebox-keeper.test/store', treeSize: 42, rootHash: root }, signer);
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual(['ebox-keeper.test/store', '42', root.toString('base64'), '']);
    expect(lines[4]).toMatch(/^— ebox-keeper\.test [A-Za-z0-9+/]{91}=$/);
    const verifier = parseVerifierKey(verifierKeyOf(signer));
    const opened = openCheckpoint(note, verifier);
    expect(opened.treeSize).toBe(42);
    expect(opened.rootHash.equals(root)).toBe(true);
  });

  it('refuses an altered size, root, or signature, and a note signed by another key', () => {
    const note = signCheckpoint({ origin: 'o', treeSize: 42, rootHash: root }, signer);
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), signer)).toThrow(/invalid/);
    const otherRoot = Buffer.alloc(32, 8).toString('base64');
    expect(() => openCheckpoint(note.replace(root.toString('base64'), otherRoot), signer)).toThrow(/invalid/);
    const other = noteSignerFromPkcs8('ebox-keeper.test', generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(() => openCheckpoint(signCheckpoint({ origin: 'o', treeSize: 1, rootHash: root }, other), signer)).toThrow(/no signature/);
    expect(() => openCheckpoint('o\n1\nxx\n', signer)).toThrow(/signed note/);
  });

  it('refuses a verifier key whose id does not match', () => {
    const text = verifierKeyOf(signer);
    expect(() => parseVerifierKey(text.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toThrow(/does not match/);
  });
});
