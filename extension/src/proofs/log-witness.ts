// The extension as a witness of the helper's log: it keeps the last checkpoint it verified and, each time it
// shows a receipt, asks the helper to prove (RFC 9162 consistency) that the log it has now only grew from it. A
// log that shrank, was rewritten or signs with another key is an alarm in the proof panel, never a silent pass.
// The checkpoint key is pinned on first sight. Verification is shared/proof-log's; storage is the caller's.
import type { Checkpoint, ConsistencyProof } from '../../../shared/helper-api/index.ts';
import { fromBase64 } from '../../../shared/proof-log/index.ts';
import { proofLog } from './inclusion-check.ts';

export interface WitnessedCheckpoint {
  verifierKey: string;
  note: string;
  treeSize: number;
  rootHash: string;
}

export type LogStatus =
  | { state: 'first-seen' | 'grew' | 'unchanged'; treeSize: number }
  /** The helper's newest checkpoint is smaller than one it showed before: entries were lost or removed. */
  | { state: 'shrank'; from: number; to: number }
  /** Same size or larger, but not an extension of what was seen: history rewritten. */
  | { state: 'rewritten'; from: number; to: number }
  /** Signed by another key than the pinned one, or not validly signed. */
  | { state: 'key-changed' | 'bad-signature'; detail: string };

export const isAlarm = (s: LogStatus) => s.state === 'shrank' || s.state === 'rewritten' || s.state === 'key-changed' || s.state === 'bad-signature';

/** Checks the helper's current checkpoint against the witnessed one; answers the status and what to keep. */
export async function witnessCheckpoint(
  saved: WitnessedCheckpoint | undefined,
  current: Checkpoint,
  consistency: (from: number, to: number) => Promise<ConsistencyProof>,
): Promise<{ status: LogStatus; keep: WitnessedCheckpoint | undefined }> {
  const pinned = saved?.verifierKey ?? current.verifierKey;
  if (current.verifierKey !== pinned) return { status: { state: 'key-changed', detail: `${current.verifierKey} instead of ${pinned}` }, keep: saved };
  let opened;
  try {
    opened = await proofLog.openCheckpoint(current.note, await proofLog.parseVerifierKey(pinned));
  } catch (e) {
    return { status: { state: 'bad-signature', detail: e instanceof Error ? e.message : String(e) }, keep: saved };
  }
  const next: WitnessedCheckpoint = { verifierKey: pinned, note: current.note, treeSize: opened.treeSize, rootHash: current.rootHash };
  if (!saved) return { status: { state: 'first-seen', treeSize: opened.treeSize }, keep: next };
  if (opened.treeSize < saved.treeSize) return { status: { state: 'shrank', from: saved.treeSize, to: opened.treeSize }, keep: saved };
  const proof = await consistency(saved.treeSize, opened.treeSize);
  const ok =
    proof.fromSize === saved.treeSize &&
    proof.toSize === opened.treeSize &&
    (await proofLog.verifyConsistency(saved.treeSize, opened.treeSize, proof.path.map(fromBase64), fromBase64(saved.rootHash), opened.rootHash));
  if (!ok) return { status: { state: 'rewritten', from: saved.treeSize, to: opened.treeSize }, keep: saved };
  return { status: { state: opened.treeSize === saved.treeSize ? 'unchanged' : 'grew', treeSize: opened.treeSize }, keep: next };
}
