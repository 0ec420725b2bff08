// The checks of what a bundle proves about each message, shared by verify-bundle and by the exporter (which
// prints the same statuses in report.pdf): the log checkpoint's signed note, each receipt's CMS signature over its
// canonical JSON, the receipt naming this message and these documents, and its RFC 9162 inclusion proof against
// the checkpoint. The Merkle and signed-note code is the proof store's own (helper/src/store).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { BundleCheck } from '../../../shared/bundle/verification.ts';
import { receiptSchema, type Receipt } from '../../../shared/helper-api/receipts.ts';
import { checkpointSchema, inclusionProofSchema } from '../../../shared/helper-api/store.ts';
import { openCheckpoint, parseVerifierKey, type OpenedCheckpoint } from '../store/checkpoint.ts';
import { leafHash, verifyInclusion } from '../store/merkle.ts';
import { verifyDetachedCades } from './cades-verify.ts';

export interface ProofContext {
  checkpoint?: OpenedCheckpoint;
  /** Pinned certificates (DER): receipts must be signed by them or chain to them. */
  trusted?: Uint8Array[];
}

function check(file: string, kind: string, status: BundleCheck['status'], message: string): BundleCheck {
  return { file, check: kind, status, message };
}

function zodMessage(err: z.ZodError): string {
  const issue = err.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

function parseJson(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

/** Opens the bundle's checkpoint file (checkpointSchema JSON): its note must be signed by its verifier key. */
export function checkCheckpoint(path: string, bytes: Uint8Array): { checkpoint?: OpenedCheckpoint; checks: BundleCheck[] } {
  try {
    const cp = checkpointSchema.parse(parseJson(bytes));
    const opened = openCheckpoint(cp.note, parseVerifierKey(cp.verifierKey));
    if (opened.origin !== cp.origin || opened.treeSize !== cp.treeSize || opened.rootHash.toString('base64') !== cp.rootHash) {
      return { checks: [check(path, 'checkpoint', 'failed', 'the JSON fields differ from the signed note')] };
    }
    return { checkpoint: opened, checks: [check(path, 'checkpoint', 'passed', `log ${opened.origin}, ${opened.treeSize} entries`)] };
  } catch (err) {
    const message = err instanceof z.ZodError ? zodMessage(err) : (err as Error).message;
    return { checks: [check(path, 'checkpoint', 'failed', message)] };
  }
}

export interface ReceiptFiles {
  receiptPath: string;
  receipt: Uint8Array;
  signaturePath: string;
  signature: Uint8Array;
  proofPath: string;
  proof: Uint8Array;
}

export interface CheckedReceipt {
  receipt?: Receipt;
  checks: BundleCheck[];
}

/**
 * Checks one receipt: it parses, names `messageId`, its documents' SHA-256 are those in the bundle
 * (`documentSha256`, base64url), its CMS signature verifies over its exact bytes, and its inclusion proof leads
 * from its leaf hash to the checkpoint's root.
 */
export async function checkReceipt(files: ReceiptFiles, messageId: string, documentSha256: Set<string>, ctx: ProofContext): Promise<CheckedReceipt> {
  const checks: BundleCheck[] = [];
  let receipt: Receipt | undefined;
  try {
    receipt = receiptSchema.parse(parseJson(files.receipt));
    if (receipt.message.messageId !== messageId) {
      checks.push(check(files.receiptPath, 'receipt', 'failed', `acknowledges message ${receipt.message.messageId}, not ${messageId}`));
    } else {
      const missing = receipt.documents.filter((d) => !documentSha256.has(d.sha256));
      checks.push(
        missing.length > 0
          ? check(files.receiptPath, 'receipt', 'failed', `acknowledges ${missing.map((d) => d.fileName).join(', ')}, whose bytes are not in the bundle`)
          : check(files.receiptPath, 'receipt', 'passed', `acknowledged by ${receipt.openedBy.name} at ${receipt.acknowledgedAt}`),
      );
    }
  } catch (err) {
    checks.push(check(files.receiptPath, 'receipt', 'failed', err instanceof z.ZodError ? `not a receipt: ${zodMessage(err)}` : `not JSON: ${(err as Error).message}`));
  }

  const cades = await verifyDetachedCades(files.signature, files.receipt, ctx.trusted ? { trusted: ctx.trusted } : {});
  checks.push(
    cades.valid
      ? check(files.signaturePath, 'receipt-signature', 'passed', `signed by ${cades.signer?.subject}${cades.timestamp ? `, timestamped ${cades.timestamp.genTime.toISOString()}` : ''}`)
      : check(files.signaturePath, 'receipt-signature', 'failed', cades.problems.join('; ')),
  );

  try {
    const proof = inclusionProofSchema.parse(parseJson(files.proof));
    const leaf = leafHash(files.receipt);
    if (!ctx.checkpoint) {
      checks.push(check(files.proofPath, 'inclusion', 'indeterminate', 'no valid checkpoint in the bundle to check the proof against'));
    } else if (leaf.toString('base64') !== proof.leafHash) {
      checks.push(check(files.proofPath, 'inclusion', 'failed', `proves another leaf than ${files.receiptPath}`));
    } else if (proof.treeSize !== ctx.checkpoint.treeSize) {
      checks.push(check(files.proofPath, 'inclusion', 'failed', `is for a tree of ${proof.treeSize} entries, the checkpoint has ${ctx.checkpoint.treeSize}`));
    } else if (!verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.path.map((h) => Buffer.from(h, 'base64')), ctx.checkpoint.rootHash)) {
      checks.push(check(files.proofPath, 'inclusion', 'failed', 'does not lead to the checkpoint root hash'));
    } else {
      checks.push(check(files.proofPath, 'inclusion', 'passed', `leaf ${proof.leafIndex} of ${proof.treeSize}`));
    }
  } catch (err) {
    checks.push(check(files.proofPath, 'inclusion', 'failed', err instanceof z.ZodError ? `not an inclusion proof: ${zodMessage(err)}` : `not JSON: ${(err as Error).message}`));
  }
  return { ...(receipt ? { receipt } : {}), checks };
}

/** base64url SHA-256, the spelling of e-Box digests and receipts. */
export function sha256Base64url(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}
