// What expiry needs from the archive side, and nothing more: the messages the extension has seen in the e-Box, and
// a way to archive one. The archive engineer's Dexie store implements it (see wiring in register-expiry.ts); the
// domain code below depends only on these types, so it is tested without a browser.
import type { TranslatedString } from '../../../shared/ebox/wire.ts';

export interface SeenMessage {
  messageId: string;
  subject: TranslatedString;
  /** The sender as the e-Box names it (organisation name), or its CBE number when no name is known. */
  sender: TranslatedString | string;
  /** When the e-Box deletes the message: ISO date-time with offset, as the registry gives it. */
  expirationDate: string;
  archived: boolean;
  /** The e-Box page the message was seen on, to open it again from a notification. */
  openUrl?: string;
}

export interface SeenMessageSource {
  all(): Promise<SeenMessage[]>;
  /** When the list was last refreshed from the e-Box (ISO date-time), or null if never. */
  lastRefreshedAt(): Promise<string | null>;
  /** Calls `listener` after any change to the seen or archived messages; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface MessageArchiver {
  /** Archives one message completely (documents, metadata, proofs); rejects with a readable error otherwise. */
  archive(messageId: string): Promise<void>;
}
