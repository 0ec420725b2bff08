// What the side panel asks the service worker: everything it shows comes from the captured data (the tab's
// PageFacts and the archive's records), nothing from the page's markup.
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { PageFacts } from '../ebox-adapter/page-facts.ts';
import type { FilingView } from '../messaging/protocol.ts';
import type { RegisteredKind } from '../proofs/proof-status.ts';

/** One message as the panel lists it. */
export interface PanelMessage {
  messageId: string;
  subject: TranslatedString;
  sender?: TranslatedString;
  receiptDate: string;
  read: boolean;
  registered?: RegisteredKind;
  filing: FilingView;
}

export interface PanelView {
  /** Undefined when the tab has shown no e-Box data yet (not an e-Box tab, or the app called no registry). */
  facts?: PageFacts;
  listed: PanelMessage[];
  open?: PanelMessage;
}

export interface PanelApi {
  'panel.view': (p: { tabId: number }) => PanelView;
}
