// The archive's IndexedDB, opened only in the extension's own origin (service worker and extension pages).
import { Dexie, type EntityTable } from 'dexie';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import type { CompanyRecord, DocumentRecord, Label, MessageRecord, NameRecord } from './records.ts';
import type { Rule } from '../rules/rule.ts';
import type { BulkJob } from '../jobs/bulk-job.ts';
import { ALL_COMPANIES } from './company-scope.ts';
import { storedSearchDocOf, type StoredSearchDoc } from '../search/search-doc.ts';
import { keepSearchDocs } from '../search/search-docs-sync.ts';
import type { PersistedIndex } from '../search/persisted-index.ts';

export type ArchiveDb = Dexie & {
  messages: EntityTable<MessageRecord, 'messageId'>;
  documents: EntityTable<DocumentRecord, 'id'>;
  labels: EntityTable<Label, 'id'>;
  rules: EntityTable<Rule, 'id'>;
  jobs: EntityTable<BulkJob, 'id'>;
  names: EntityTable<NameRecord, 'key'>;
  companies: EntityTable<CompanyRecord, 'cbe'>;
  /** One search row per message, written with it (search-docs-sync.ts). */
  searchDocs: EntityTable<StoredSearchDoc, 'messageId'>;
  /** The search index of each company (and of all, once chosen), kept between openings (persisted-index.ts). */
  searchIndexes: EntityTable<PersistedIndex, 'scope'>;
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
  // Version 2: every record belongs to a company. Archives from before keep everything, under "company unknown"
  // (the user assigns it); their labels stay usable by every company; their rules file only mail of unknown
  // company until the user says which company they are for, so no rule ever files another company's mail.
  db.version(2)
    .stores({
      messages: 'messageId, archivedAt, *labels, *tags, senderOrganizationId, messageTypeId, receiptDate, expirationDate, enterprise',
      labels: 'id, parentId, enterprise',
      rules: 'id, enterprise',
      companies: 'cbe',
      searchDocs: 'messageId, enterprise, receiptMs, [enterprise+receiptMs]',
    })
    .upgrade(async (tx) => {
      const bytes = new Map<string, number>();
      await tx.table('documents').each((d: DocumentRecord) => void bytes.set(d.messageId, (bytes.get(d.messageId) ?? 0) + d.bytes));
      const docs: StoredSearchDoc[] = [];
      await tx.table('messages').toCollection().modify((m: MessageRecord) => {
        m.enterprise ??= UNKNOWN_ENTERPRISE;
        m.storedBytes = bytes.get(m.messageId) ?? 0;
        docs.push(storedSearchDocOf(m));
      });
      await tx.table('searchDocs').bulkPut(docs);
      await tx.table('labels').toCollection().modify((l: Label) => void (l.enterprise ??= ALL_COMPANIES));
      await tx.table('rules').toCollection().modify((r: Rule) => void (r.enterprise ??= UNKNOWN_ENTERPRISE));
    });
  // Version 3: the search index is kept between openings; it is built on first use, so nothing to migrate.
  db.version(3).stores({ searchIndexes: 'scope' });
  keepSearchDocs(db);
  return db;
}

let shared: ArchiveDb | undefined;

/** The one connection of this context (service worker or page) to the archive. */
export function sharedArchiveDb(): ArchiveDb {
  shared ??= openArchiveDb();
  return shared;
}
