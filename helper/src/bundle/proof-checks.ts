// The checks of what a bundle proves about each message, shared by verify-bundle and by the exporter (which
// prints the same statuses in report.pdf): the log checkpoint's signed note, each receipt's CMS signature over its
// canonical JSON, the receipt naming this message and these documents, and its RFC 9162 inclusion proof against
// the checkpoint. The Merkle and signed-note code is the proof store's own (helper/src/store).
import { openerText } from '../i18n/catalogue.ts';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { BundleCheck } from '../../../shared/bundle/verification.ts';
import { EVIDENCE_ENTRY_TYPE } from '../../../shared/evidence/archive.ts';
import { evidenceReportSchema, type EvidenceReport } from '../../../shared/evidence/report.ts';
import { receiptSchema, type Receipt } from '../../../shared/helper-api/receipts.ts';
import { checkpointSchema, inclusionProofSchema } from '../../../shared/helper-api/store.ts';
import { openCheckpoint, parseVerifierKey, type OpenedCheckpoint } from '../store/checkpoint.ts';
import { leafHash, verifyInclusion } from '../store/merkle.ts';
import type { TrustedList } from '../evidence/trusted-list.ts';
import { verifyEvidence, type EvidenceContent } from '../evidence/verify-evidence.ts';
import { verifyDetachedCades } from './cades-verify.ts';

/** Documents up to this size are read to judge QERDS evidences against them (evidences cover letters). */
export const MAX_EVIDENCE_CONTENT = 64 * 2 ** 20;

export interface ProofContext {
  checkpoint?: OpenedCheckpoint;
  /** Pinned certificates (DER): receipts must be signed by them or chain to them. */
  trusted?: Uint8Array[];
  /** The trusted list QERDS evidences are judged against again; without one they stay indeterminate. */
  trustedList?: TrustedList;
  /** Validation time for evidences (default now). */
  now?: Date;
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
          : check(files.receiptPath, 'receipt', 'passed', `acknowledged by ${openerText(receipt, 'en')} at ${receipt.acknowledgedAt}`),
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

  checks.push(checkInclusion(files.proofPath, files.proof, files.receiptPath, files.receipt, ctx));
  return { ...(receipt ? { receipt } : {}), checks };
}

/** An RFC 9162 inclusion proof of the store leaf `leafBytes` against the bundle's checkpoint. */
export function checkInclusion(proofPath: string, proofBytes: Uint8Array, leafPath: string, leafBytes: Uint8Array, ctx: ProofContext): BundleCheck {
  try {
    const proof = inclusionProofSchema.parse(parseJson(proofBytes));
    const leaf = leafHash(leafBytes);
    if (!ctx.checkpoint) return check(proofPath, 'inclusion', 'indeterminate', 'no valid checkpoint in the bundle to check the proof against');
    if (leaf.toString('base64') !== proof.leafHash) return check(proofPath, 'inclusion', 'failed', `proves another leaf than ${leafPath}`);
    if (proof.treeSize !== ctx.checkpoint.treeSize) {
      return check(proofPath, 'inclusion', 'failed', `is for a tree of ${proof.treeSize} entries, the checkpoint has ${ctx.checkpoint.treeSize}`);
    }
    if (!verifyInclusion(leaf, proof.leafIndex, proof.treeSize, proof.path.map((h) => Buffer.from(h, 'base64')), ctx.checkpoint.rootHash)) {
      return check(proofPath, 'inclusion', 'failed', 'does not lead to the checkpoint root hash');
    }
    return check(proofPath, 'inclusion', 'passed', `leaf ${proof.leafIndex} of ${proof.treeSize}`);
  } catch (err) {
    return check(proofPath, 'inclusion', 'failed', err instanceof z.ZodError ? `not an inclusion proof: ${zodMessage(err)}` : `not JSON: ${(err as Error).message}`);
  }
}

export interface EvidenceFiles {
  evidencePath: string;
  evidence: Uint8Array;
  reportPath: string;
  report: Uint8Array;
  leafPath: string;
  leaf: Uint8Array;
  proofPath: string;
  proof: Uint8Array;
}

const evidenceLeafSchema = z.object({
  type: z.literal(EVIDENCE_ENTRY_TYPE),
  messageId: z.string(),
  evidenceSha256: z.string(),
  reportSha256: z.string(),
});

const STATUS_OF = { TOTAL_PASSED: 'passed', TOTAL_FAILED: 'failed', INDETERMINATE: 'indeterminate' } as const;

/**
 * Checks one archived QERDS evidence: the store leaf names this message and commits to exactly these evidence
 * and report bytes, the leaf is in the log, and the evidence, judged again now against the trusted list with the
 * message's documents, passes. Without a trusted list the evidence itself stays indeterminate.
 */
export function checkEvidence(files: EvidenceFiles, messageId: string, contents: EvidenceContent[], ctx: ProofContext): { report?: EvidenceReport; checks: BundleCheck[] } {
  const checks: BundleCheck[] = [];
  try {
    const leaf = evidenceLeafSchema.parse(parseJson(files.leaf));
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    if (leaf.messageId !== messageId) checks.push(check(files.leafPath, 'evidence-archive', 'failed', `archived for message ${leaf.messageId}, not ${messageId}`));
    else if (leaf.evidenceSha256 !== sha(files.evidence)) checks.push(check(files.evidencePath, 'evidence-archive', 'failed', 'differs from the evidence the log recorded'));
    else if (leaf.reportSha256 !== sha(files.report)) checks.push(check(files.reportPath, 'evidence-archive', 'failed', 'differs from the report the log recorded'));
    else checks.push(check(files.leafPath, 'evidence-archive', 'passed', ''));
  } catch (err) {
    checks.push(check(files.leafPath, 'evidence-archive', 'failed', err instanceof z.ZodError ? `not an evidence entry: ${zodMessage(err)}` : `not JSON: ${(err as Error).message}`));
  }
  checks.push(checkInclusion(files.proofPath, files.proof, files.leafPath, files.leaf, ctx));
  let archived: EvidenceReport | undefined;
  try {
    archived = evidenceReportSchema.parse(parseJson(files.report));
  } catch {
    checks.push(check(files.reportPath, 'evidence', 'failed', 'not an evidence report'));
  }
  if (!ctx.trustedList) {
    checks.push(check(files.evidencePath, 'evidence', 'indeterminate', `no trusted list to judge it again (the archived report says ${archived?.indication ?? 'nothing'})`));
    return { ...(archived ? { report: archived } : {}), checks };
  }
  const report = verifyEvidence({ evidence: files.evidence, trustedList: ctx.trustedList, contents, validationTime: ctx.now ?? new Date() });
  const status = STATUS_OF[report.indication];
  checks.push(check(files.evidencePath, 'evidence', status, status === 'passed' ? `${report.evidence.event ?? 'evidence'} by ${report.provider.name ?? 'provider'}` : `${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}: ${report.checks.filter((c) => c.outcome === 'FAILED').map((c) => c.detail).join('; ')}`));
  return { report, checks };
}

/** base64url SHA-256, the spelling of e-Box digests and receipts. */
export function sha256Base64url(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}
