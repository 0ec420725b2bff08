// What the archive keeps. A message record exists as soon as the extension has seen the message in the e-Box;
// `archivedAt` is set once its documents are safely stored. Filing (labels, tags, note) works either way.
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';

/** Reference-data names resolved at the time the message was seen, in fr/nl/de as the registry gives them. */
export interface ResolvedNames {
  sender?: TranslatedString;
  senderApplication?: TranslatedString;
  messageType?: TranslatedString;
}

export interface MessageRecord {
  messageId: string;
  /** The company whose e-Box served the message: its CBE number, or UNKNOWN_ENTERPRISE (archives made before
   *  companies were recorded, until the user assigns one). Set once; never changed to another company. */
  enterprise: string;
  message: EboxMessage;
  /** The registry's JSON exactly as received, so no v2.1 field (known or not) is lost. */
  wire?: unknown;
  names: ResolvedNames;
  /** The Message Registry the message came from (the e-Box is a federation): its documents are fetched there. */
  registryBase?: string;
  labels: string[];
  tags: string[];
  note: string;
  firstSeenAt: string;
  lastSeenAt: string;
  archivedAt?: string;
  archivedBy?: string;
  /** Set when any stored document's bytes differ from the e-Box digest: shown, never treated as good. */
  integrity?: 'ok' | 'mismatch';
  /** Documents the last archiving could not store, with the reason, so the user sees what is missing. */
  missingDocuments?: { attachmentId: string; fileName: string; reason: string }[];
  /** Bytes of every stored document version, kept with the record so the archive's size needs no document read. */
  storedBytes?: number;
  // Flat copies of indexed fields (Dexie indexes top-level paths only).
  senderOrganizationId: string;
  messageTypeId: string;
  receiptDate: string;
  expirationDate: string;
}

export interface DocumentRecord {
  /** `${messageId}/${attachmentId}/${version}` */
  id: string;
  messageId: string;
  attachmentId: string;
  version: number;
  fileName: string;
  mediaType: string;
  bytes: number;
  /** SHA-256 of the stored bytes, base64url. */
  sha256: string;
  /** The e-Box digest, when it gave one. */
  expectedSha256?: string;
  /** true: bytes match the e-Box digest; false: they do not; null: the e-Box gave no digest. */
  digestOk: boolean | null;
  /** The declared media type is PDF but the bytes are not a PDF (or similar sniffable mismatch). */
  contentWarning?: 'not-pdf' | 'empty';
  blob: Blob;
  storedAt: string;
}

export interface Label {
  id: string;
  /** Whose label set it belongs to: a CBE number, UNKNOWN_ENTERPRISE, or ALL_COMPANIES (company-scope.ts). */
  enterprise: string;
  name: string;
  /** CSS colour, e.g. #1f6feb. */
  color: string;
  parentId?: string;
}

/** A reference-data name (sender organisation, application or message type) as the registry translated it. */
export interface NameRecord {
  /** `org:<id>`, `app:<id>` or `type:<id>` */
  key: string;
  name: TranslatedString;
}

/** A company the extension has seen an e-Box of, with its name as last seen. */
export interface CompanyRecord {
  cbe: string;
  name?: string;
  lastSeenAt: string;
}
