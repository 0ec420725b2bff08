// The shared proof-log verifier (shared/proof-log) bound to node:crypto: synchronous, so verify-store checks a
// store of 100,000 entries without a promise per hash.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { syncProofLog, type SyncCrypto } from '../../../shared/proof-log/index.ts';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map<string, KeyObject>();

function ed25519Key(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('hex');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    if (keys.size > 16) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export const nodeCrypto: SyncCrypto = {
  sha256(parts) {
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return h.digest();
  },
  ed25519Verify: (publicKey, message, signature) => raw64(signature) && verify(null, message, ed25519Key(publicKey), signature),
};

/** An Ed25519 signature is 64 bytes; node:crypto would throw on another length rather than answer false. */
const raw64 = (signature: Uint8Array) => signature.length === 64;

export const proofLog = syncProofLog(nodeCrypto);
