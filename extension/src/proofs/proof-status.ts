// What the proof panel shows of a registered message, computed from the helper's answers: the receipt (when, by
// whom, signer, timestamp, inclusion in the log) and, for qualified registered mail, the evidence chain with each
// step's verdict or its absence. Also the one rule of idempotency: a message gets one receipt. No DOM, no browser.
import type { ArchivedEvidence, Indication, SubIndication } from '../../../shared/evidence/index.ts';
import type { ReceiptRecord } from '../../../shared/helper-api/index.ts';
import { QERDS_EVENTS, stepOf, type QerdsEvent } from '../../../shared/ebox/qerds.ts';
import type { HelperFailure } from '../helper-client/helper-client.ts';
import type { InclusionStatus } from './inclusion-check.ts';
import { openerName } from './openings.ts';
import type { MessageOpening } from '../ebox-adapter/page-facts.ts';
import type { LateReason } from './openings.ts';
import type { LogStatus } from './log-witness.ts';

export type RegisteredKind = 'registered' | 'qualified';

export type HelperState =
  | { state: 'connected' }
  | { state: 'not-paired' }
  | { state: 'unavailable'; failure: HelperFailure; message: string };

export interface ReceiptView {
  receiptId: string;
  acknowledgedAt: string;
  openedAt: string;
  openedBy: string;
  signer: string;
  /** Signed with the helper's generated identity: NOT LEGALLY VALID. */
  development: boolean;
  timestamped: boolean;
  timestampedAt?: string;
  leafIndex: number;
  treeSize: number;
  /** The checkpoint's origin line and the start of its root hash, to recognise it. */
  checkpoint: { origin: string; treeSize: number; root: string };
  inclusion: InclusionStatus;
  documents: number;
  /** Documents whose bytes differ from the e-Box digest. */
  mismatches: string[];
}

/** 'not-permitted': the user has not (yet) allowed the extension to read from the provider's origin. */
export type EvidenceProblemReason = 'unreachable' | 'no-trusted-list' | 'refused' | 'not-permitted';
export interface EvidenceProblem {
  event: QerdsEvent;
  reason: EvidenceProblemReason;
  detail: string;
  /** The provider's origin, for 'not-permitted' (what the user is asked to allow). */
  origin?: string;
}

export interface EvidenceStep {
  event: QerdsEvent;
  /** Absent when the helper keeps no evidence of this step. */
  evidence?: {
    leafIndex: number;
    indication: Indication;
    subIndication?: SubIndication;
    eventTime?: string;
    qualified: boolean;
    provider?: string;
  };
  /** Why the last fetch did not bring this step's evidence. */
  problem?: EvidenceProblem;
}

export interface ProofView {
  messageId: string;
  kind: RegisteredKind;
  helper: HelperState;
  acknowledgeOnOpen: boolean;
  receipt?: ReceiptView;
  /** Why the last acknowledgement failed, in the helper's or the archive's words. */
  acknowledgeError?: string;
  /** An opening still waiting for its receipt: when and by what it was opened, and what stopped the receipt. */
  opening?: { at: string; by: MessageOpening['by']; failure?: { reason: LateReason; message: string } };
  /** The helper's log compared with the last checkpoint this browser verified (an alarm when it shrank). */
  log?: LogStatus;
  /** Qualified registered mail only: submission, consignment, handover, each present or missing. */
  evidence?: { steps: EvidenceStep[]; lastFetch?: string };
}

/** The first receipt the helper made for the message (the one that counts, if an older helper made more). */
export function firstReceipt(records: readonly ReceiptRecord[]): ReceiptRecord | undefined {
  return [...records].sort((a, b) => a.inclusion.leafIndex - b.inclusion.leafIndex)[0];
}

export function receiptView(record: ReceiptRecord, inclusion: InclusionStatus): ReceiptView {
  const r = record.receipt;
  return {
    receiptId: record.receiptId,
    acknowledgedAt: r.acknowledgedAt,
    openedAt: r.openedAt,
    // Receipts v2 may name no person ({ unknownPerson: true }): the panel then says so with the receipt's company.
    // A receipt names the person, or states an unknown person of its own company (receipts version 2).
    openedBy: openerName({ opener: r.openedBy.name ? { kind: 'person', name: r.openedBy.name } : { kind: 'unknown-for-company' }, ...(r.enterprise ? { enterprise: r.enterprise } : {}), language: r.language }),
    signer: r.signer.subject,
    development: r.signer.development,
    timestamped: record.timestamped,
    ...(record.timestampedAt ? { timestampedAt: record.timestampedAt } : {}),
    leafIndex: record.inclusion.leafIndex,
    treeSize: record.inclusion.treeSize,
    checkpoint: { origin: record.checkpoint.origin, treeSize: record.checkpoint.treeSize, root: record.checkpoint.rootHash.slice(0, 12) },
    inclusion,
    documents: r.documents.length,
    mismatches: r.documents.filter((d) => d.digestCheck === 'mismatch').map((d) => d.fileName),
  };
}

/** The chain step an evidence's ERDS event belongs to (a rejection or failure is still that step's evidence). */
/** Each step of the chain in order, with its latest kept evidence or, failing that, the last fetch's problem. */
export function evidenceChain(evidences: readonly ArchivedEvidence[], problems: readonly EvidenceProblem[] = []): EvidenceStep[] {
  return QERDS_EVENTS.map((event) => {
    const latest = evidences.filter((e) => stepOf(e.report.evidence.event) === event).sort((a, b) => b.leafIndex - a.leafIndex)[0];
    if (!latest) {
      const problem = problems.find((p) => p.event === event);
      return { event, ...(problem ? { problem } : {}) };
    }
    const { report } = latest;
    return {
      event,
      evidence: {
        leafIndex: latest.leafIndex,
        indication: report.indication,
        ...(report.subIndication ? { subIndication: report.subIndication } : {}),
        ...(report.evidence.eventTime ? { eventTime: report.evidence.eventTime } : {}),
        qualified: report.provider.qualified,
        ...(report.provider.name ?? report.evidence.issuer?.name ? { provider: report.provider.name ?? report.evidence.issuer?.name } : {}),
      },
    };
  });
}

