// Verification of the proof store's log as anyone outside the helper does it: RFC 9162 proofs and C2SP signed
// checkpoints, with one logic for two ways of hashing (see crypto.ts). `syncProofLog(nodeCrypto)` in the helper,
// `asyncProofLog(webCrypto)` in the extension.
import { runAsync, runSync, webCrypto, type AsyncCrypto, type Steps, type SyncCrypto } from './crypto.ts';
import { leafHashSteps, nodeHashSteps, verifyConsistencySteps, verifyInclusionSteps } from './rfc9162.ts';
import { openCheckpointSteps, parseVerifierKeySteps, keyIdSteps, type NoteVerifier, type OpenedCheckpoint } from './checkpoint.ts';

export type { AsyncCrypto, SyncCrypto, NoteVerifier, OpenedCheckpoint };
export { webCrypto };
export { checkpointBody, parseCheckpointBody, ED25519_NOTE_KEY_TYPE } from './checkpoint.ts';
export { EMPTY_ROOT_HEX } from './rfc9162.ts';
export { equalBytes, fromBase64, toBase64, toHex } from './bytes.ts';

const operations = {
  leafHash: leafHashSteps,
  nodeHash: nodeHashSteps,
  verifyInclusion: verifyInclusionSteps,
  verifyConsistency: verifyConsistencySteps,
  parseVerifierKey: parseVerifierKeySteps,
  keyId: keyIdSteps,
  openCheckpoint: openCheckpointSteps,
};
type Operations = typeof operations;
type Result<F> = F extends (...args: never[]) => Steps<infer T> ? T : never;

export type SyncProofLog = { [K in keyof Operations]: (...args: Parameters<Operations[K]>) => Result<Operations[K]> };
export type AsyncProofLog = { [K in keyof Operations]: (...args: Parameters<Operations[K]>) => Promise<Result<Operations[K]>> };

export function syncProofLog(crypto: SyncCrypto): SyncProofLog {
  const out = {} as Record<string, unknown>;
  for (const [name, op] of Object.entries(operations)) out[name] = (...args: unknown[]) => runSync((op as (...a: unknown[]) => Steps<unknown>)(...args), crypto);
  return out as SyncProofLog;
}

export function asyncProofLog(crypto: AsyncCrypto = webCrypto): AsyncProofLog {
  const out = {} as Record<string, unknown>;
  for (const [name, op] of Object.entries(operations)) out[name] = (...args: unknown[]) => runAsync((op as (...a: unknown[]) => Steps<unknown>)(...args), crypto);
  return out as AsyncProofLog;
}
