// The archive's IndexedDB, opened only in the extension's own origin (service worker and extension pages).
import { Dexie, type EntityTable } from 'dexie';
import type { DocumentRecord, Label, MessageRecord, NameRecord } from './records.ts';
import type { Rule } from '../rules/rule.ts';
import type { BulkJob } from '../jobs/bulk-job.ts';

export type ArchiveDb = Dexie & {
  messages: EntityTable<MessageRecord, 'messageId'>;
  documents: EntityTable<DocumentRecord, 'id'>;
  labels: EntityTable<Label, 'id'>;
  rules: EntityTable<Rule, 'id'>;
  jobs: EntityTable<BulkJob, 'id'>;
  names: EntityTable<NameRecord, 'key'>;
};

export const ARCHIVE_DB_NAME = 'ebox-keeper-archive';

export function openArchiveDb(name: string = ARCHIVE_DB_NAME): ArchiveDb {
  const db = new Dexie(name) as ArchiveDb;
  db.version(1).stores({
    messages: 'messageId, archivedAt, *labels, *tags, senderOrganizationId, messageTypeId, receiptDate, expirationDate',
    documents: 'id, messageId, [messageId+attachmentId]',
    labels: 'id, parentId',
    rules: 'id',
    jobs: 'id, status',
    names: 'key',
  });
  return db;
}

let shared: ArchiveDb | undefined;

/** The one connection of this context (service worker or page) to the archive. */
export function sharedArchiveDb(): ArchiveDb {
  shared ??= openArchiveDb();
  return shared;
}
