// The proof methods the proof panels (overlay and side panel) call on the service worker; messaging/protocol.ts
// joins them into the one registry.
import type { Language } from '../../../shared/ebox/model.ts';
import type { ProofView, RegisteredKind } from './proof-status.ts';

export interface Opening {
  messageId: string;
  kind: RegisteredKind;
  /** When the panel saw the message open. */
  openedAt: string;
  /** The e-Box user, as the page shows them. */
  openedBy: string;
  /** The overlay's language: the PDF receipt's language. */
  language: Language;
}

export type ProofFile = 'receipt.pdf' | 'receipt.zip' | 'receipt.p7s' | 'evidence.xml' | 'report.pdf';

export interface ProofsApi {
  /** The message's proofs; when `opened`, also acknowledges it if it has no receipt and the setting says so. */
  'proofs.forMessage': (p: Opening & { opened: boolean }) => ProofView;
  /** "Acknowledge now": makes the receipt if the message has none yet. */
  'proofs.acknowledge': (p: Opening) => ProofView;
  /** Fetches the evidences of a qualified registered message the helper does not keep yet. */
  'proofs.fetchEvidences': (p: Opening) => ProofView;
  /** Saves a receipt or evidence file from the helper into the user's downloads; answers the file name. */
  'proofs.download': (p: { file: ProofFile; receiptId?: string; leafIndex?: number }) => { filename: string };
  /** Opens the options page, where the helper is paired (a content script cannot open it itself). */
  'proofs.openSettings': () => void;
}
