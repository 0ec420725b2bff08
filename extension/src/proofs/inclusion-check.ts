// Checks, in the extension, that a receipt really is in the helper's log: RFC 9162 section 2.1.3.2 over the
// inclusion proof the helper returned, ending at the root its signed checkpoint states. The verifier is
// shared/proof-log's (the one the helper's verify-store runs), on WebCrypto so it runs in the service worker.
import type { Checkpoint, InclusionProof } from '../../../shared/helper-api/index.ts';
import { asyncProofLog, fromBase64 } from '../../../shared/proof-log/index.ts';

export const proofLog = asyncProofLog();

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
  const ok = await proofLog.verifyInclusion(fromBase64(proof.leafHash), proof.leafIndex, proof.treeSize, proof.path.map(fromBase64), fromBase64(checkpoint.rootHash));
  return ok ? 'verified' : 'failed';
}
