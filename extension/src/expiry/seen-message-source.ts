// What expiry needs from the archive side, and nothing more: the messages the extension has seen in the e-Box, and
// a way to archive one. The archive's Dexie store provides them (archive-seen-source.ts); the domain code depends
// only on these types, so it is tested without a browser. SeenMessage is a structural subset of the archive's
// own `SeenMessage` (archive/messages.ts), so its records pass through unchanged.
import type { TranslatedString } from '../../../shared/ebox/wire.ts';

export interface SeenMessage {
  messageId: string;
  /** The company whose mail it is (a CBE number, or 'unknown'); absent means unknown. */
  enterprise?: string;
  subject: TranslatedString;
  /** CBE number of the sender, shown when its name is unknown. */
  senderOrganizationId: string;
  senderName?: TranslatedString;
  /** When the e-Box deletes the message: ISO date-time with offset, as the registry gives it. */
  expirationDate: string;
  archived: boolean;
  registeredMail?: boolean;
}

export interface SeenSnapshot {
  messages: SeenMessage[];
  /** When the list was last refreshed from the e-Box (ISO date-time), or null if never. */
  lastRefreshedAt: string | null;
}

export interface SeenMessageSource {
  read(): Promise<SeenSnapshot>;
  /** Calls `listener` after any change to the seen or archived messages; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface MessageArchiver {
  /** Archives one message completely (documents, metadata, proofs); rejects with a readable error otherwise. */
  archive(messageId: string): Promise<void>;
}
