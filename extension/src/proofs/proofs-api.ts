// The proof methods the proof views (overlay and side panel) call on the service worker; messaging/protocol.ts
// joins them into the one registry. The views only show: the service worker acknowledges openings on its own.
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import type { Language } from '../../../shared/ebox/model.ts';
import type { LateReason, Opener } from './openings.ts';
import type { ProofView, RegisteredKind } from './proof-status.ts';

/** What a receipt is made from: the first opening, who opened it for which company, and lateness when late. */
export interface Opening {
  messageId: string;
  kind: RegisteredKind;
  /** The first opening (ISO 8601): when the body or content was first fetched, by the page, a job or a rule. */
  openedAt: string;
  opener: Opener;
  enterprise?: Enterprise;
  /** Only when acknowledged later than the opening: when, and why. */
  late?: { acknowledgedAt: string; reason: LateReason };
  /** The receipt PDF's language. */
  language: Language;
}

/** A proof view is asked for a message, in the language the user reads. */
export interface ProofQuery {
  messageId: string;
  language: Language;
}

export type ProofFile = 'receipt.pdf' | 'receipt.zip' | 'receipt.p7s' | 'evidence.xml' | 'report.pdf';

export interface ProofsApi {
  /** The message's proofs, and its opening when one waits for a receipt. */
  'proofs.forMessage': (p: ProofQuery) => ProofView;
  /** "Acknowledge now": makes the receipt if the message has none yet, from its first opening when one is known. */
  'proofs.acknowledge': (p: ProofQuery) => ProofView;
  /** Fetches the evidences of a qualified registered message the helper does not keep yet. */
  'proofs.fetchEvidences': (p: ProofQuery) => ProofView;
  /** Saves a receipt or evidence file from the helper into the user's downloads; answers the file name. */
  'proofs.download': (p: { file: ProofFile; receiptId?: string; leafIndex?: number }) => { filename: string };
  /** Opens the options page, where the helper is paired (a content script cannot open it itself). */
  'proofs.openSettings': () => void;
}
