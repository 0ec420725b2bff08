// What the sync knows, in Node's built-in SQLite (no native build, no server): every message kept per enterprise
// and provider, each document's state (the download jobs), and each provider's last run. Every change is one
// transaction, so a kill -9 at any point leaves the state of before or after it, never half of it; the documents'
// bytes are in the blob store, written whole or not at all. WAL: readers (status, the extension) never wait for a run.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type DocumentState = 'pending' | 'kept' | 'mismatch' | 'gone' | 'failed';

export interface MessageRow {
  enterprise: string;
  provider: string;
  messageId: string;
  receiptDate: string;
  expirationDate: string;
  registered: number;
  kind: string;
  senderOrganizationId: string;
  messageTypeId: string;
  /** The normalised message (shared/ebox/model.ts EboxMessage) as JSON. */
  message: string;
  /** The registry's own item, as received: partitions, "for action" and whatever else it carries stay. */
  raw: string;
  partition: string | null;
  forAction: string | null;
  fingerprint: string;
  firstSeenAt: string;
  lastSeenAt: string;
  receiptId: string | null;
  evidence: string | null;
}

export interface DocumentRow {
  enterprise: string;
  provider: string;
  messageId: string;
  attachmentId: string;
  fileName: string;
  mediaType: string;
  mainContent: number;
  /** The registry's digest (base64url SHA-256), when it gave one. */
  eboxDigest: string | null;
  contentUrl: string;
  state: DocumentState;
  /** SHA-256 (base64url) of the bytes kept. */
  sha256: string | null;
  sizeBytes: number | null;
  error: string | null;
  retrievedAt: string | null;
}

export interface ProviderRow {
  enterprise: string;
  provider: string;
  name: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastFullAt: string | null;
  lastError: string | null;
  lastSummary: string | null;
  /** 'running' while the list is being read: a run that finds it so was interrupted and reads the whole list. */
  listing?: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  enterprise TEXT NOT NULL, provider TEXT NOT NULL, messageId TEXT NOT NULL,
  receiptDate TEXT NOT NULL, expirationDate TEXT NOT NULL, registered INTEGER NOT NULL, kind TEXT NOT NULL,
  senderOrganizationId TEXT NOT NULL, messageTypeId TEXT NOT NULL, message TEXT NOT NULL, raw TEXT NOT NULL,
  partition TEXT, forAction TEXT, fingerprint TEXT NOT NULL, firstSeenAt TEXT NOT NULL, lastSeenAt TEXT NOT NULL,
  receiptId TEXT, evidence TEXT,
  PRIMARY KEY (enterprise, provider, messageId)
);
CREATE INDEX IF NOT EXISTS messages_expiry ON messages (enterprise, expirationDate);
CREATE TABLE IF NOT EXISTS documents (
  enterprise TEXT NOT NULL, provider TEXT NOT NULL, messageId TEXT NOT NULL, attachmentId TEXT NOT NULL,
  fileName TEXT NOT NULL, mediaType TEXT NOT NULL, mainContent INTEGER NOT NULL, eboxDigest TEXT, contentUrl TEXT NOT NULL,
  state TEXT NOT NULL, sha256 TEXT, sizeBytes INTEGER, error TEXT, retrievedAt TEXT,
  PRIMARY KEY (enterprise, provider, messageId, attachmentId)
);
-- Partial indexes: a run with nothing new finds the few awaiting a receipt or evidence without reading every message.
CREATE INDEX IF NOT EXISTS messages_awaiting_receipt ON messages (enterprise, provider) WHERE registered = 1 AND receiptId IS NULL;
CREATE INDEX IF NOT EXISTS messages_qualified ON messages (enterprise, provider, evidence) WHERE kind = 'qualified';
CREATE INDEX IF NOT EXISTS documents_state ON documents (enterprise, provider, state);
CREATE TABLE IF NOT EXISTS providers (
  enterprise TEXT NOT NULL, provider TEXT NOT NULL, name TEXT,
  lastRunAt TEXT, lastSuccessAt TEXT, lastFullAt TEXT, lastError TEXT, lastSummary TEXT, listing TEXT,
  PRIMARY KEY (enterprise, provider)
);
`;

export class SyncDb {
  readonly db: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();

  constructor(dataDir: string) {
    const dir = join(dataDir, 'sync');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.db = new DatabaseSync(join(dir, 'sync.db'));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  fingerprintOf(enterprise: string, provider: string, messageId: string): string | undefined {
    const row = this.stmt('SELECT fingerprint FROM messages WHERE enterprise = ? AND provider = ? AND messageId = ?').get(enterprise, provider, messageId) as { fingerprint: string } | undefined;
    return row?.fingerprint;
  }

  /** A new or changed message and its documents. Documents already kept are left as they are. */
  upsertMessage(row: Omit<MessageRow, 'firstSeenAt' | 'receiptId' | 'evidence'>, documents: Omit<DocumentRow, 'state' | 'sha256' | 'sizeBytes' | 'error' | 'retrievedAt'>[]): void {
    this.stmt(
      `INSERT INTO messages (enterprise, provider, messageId, receiptDate, expirationDate, registered, kind, senderOrganizationId, messageTypeId, message, raw, partition, forAction, fingerprint, firstSeenAt, lastSeenAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (enterprise, provider, messageId) DO UPDATE SET receiptDate = excluded.receiptDate, expirationDate = excluded.expirationDate,
         registered = excluded.registered, kind = excluded.kind, senderOrganizationId = excluded.senderOrganizationId, messageTypeId = excluded.messageTypeId,
         message = excluded.message, raw = excluded.raw, partition = excluded.partition, forAction = excluded.forAction,
         fingerprint = excluded.fingerprint, lastSeenAt = excluded.lastSeenAt`,
    ).run(row.enterprise, row.provider, row.messageId, row.receiptDate, row.expirationDate, row.registered, row.kind, row.senderOrganizationId, row.messageTypeId, row.message, row.raw, row.partition, row.forAction, row.fingerprint, row.lastSeenAt, row.lastSeenAt);
    const insert = this.stmt(
      `INSERT INTO documents (enterprise, provider, messageId, attachmentId, fileName, mediaType, mainContent, eboxDigest, contentUrl, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
       ON CONFLICT (enterprise, provider, messageId, attachmentId) DO UPDATE SET fileName = excluded.fileName, mediaType = excluded.mediaType,
         mainContent = excluded.mainContent, contentUrl = excluded.contentUrl,
         eboxDigest = excluded.eboxDigest,
         state = CASE WHEN documents.eboxDigest IS NOT excluded.eboxDigest AND documents.state <> 'pending' AND documents.sha256 IS NOT excluded.eboxDigest THEN 'pending' ELSE documents.state END`,
    );
    for (const d of documents) insert.run(d.enterprise, d.provider, d.messageId, d.attachmentId, d.fileName, d.mediaType, d.mainContent, d.eboxDigest, d.contentUrl);
  }

  touchMessages(enterprise: string, provider: string, ids: string[], at: string): void {
    const s = this.stmt('UPDATE messages SET lastSeenAt = ? WHERE enterprise = ? AND provider = ? AND messageId = ?');
    for (const id of ids) s.run(at, enterprise, provider, id);
  }

  /** Documents still to download (a run interrupted before keeping them included), oldest message first. */
  pendingDocuments(enterprise: string, provider: string, limit: number, afterRowid = 0): (DocumentRow & { rowid: number })[] {
    return this.stmt(`SELECT rowid, * FROM documents WHERE enterprise = ? AND provider = ? AND state IN ('pending', 'failed') AND rowid > ? ORDER BY rowid LIMIT ?`).all(enterprise, provider, afterRowid, limit) as never;
  }

  countPending(enterprise: string, provider: string): number {
    return (this.stmt(`SELECT count(*) AS n FROM documents WHERE enterprise = ? AND provider = ? AND state IN ('pending', 'failed')`).get(enterprise, provider) as { n: number }).n;
  }

  settleDocument(key: Pick<DocumentRow, 'enterprise' | 'provider' | 'messageId' | 'attachmentId'>, state: DocumentState, fields: { sha256?: string; sizeBytes?: number; error?: string | null; retrievedAt?: string }): void {
    this.stmt(
      `UPDATE documents SET state = ?, sha256 = coalesce(?, sha256), sizeBytes = coalesce(?, sizeBytes), error = ?, retrievedAt = coalesce(?, retrievedAt)
       WHERE enterprise = ? AND provider = ? AND messageId = ? AND attachmentId = ?`,
    ).run(state, fields.sha256 ?? null, fields.sizeBytes ?? null, fields.error ?? null, fields.retrievedAt ?? null, key.enterprise, key.provider, key.messageId, key.attachmentId);
  }

  documentsOf(enterprise: string, provider: string, messageId: string): DocumentRow[] {
    return this.stmt('SELECT * FROM documents WHERE enterprise = ? AND provider = ? AND messageId = ? ORDER BY attachmentId').all(enterprise, provider, messageId) as never;
  }

  /** Registered messages whose documents are all settled and that have no receipt yet; `limit` at a time after
   *  `afterRowid`, so a run never holds them all. */
  messagesAwaitingReceipt(enterprise: string, provider: string, limit = -1, afterRowid = 0): (MessageRow & { rowid: number })[] {
    return this.stmt(
      `SELECT rowid, * FROM messages m WHERE enterprise = ? AND provider = ? AND registered = 1 AND receiptId IS NULL AND rowid > ?
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.enterprise = m.enterprise AND d.provider = m.provider AND d.messageId = m.messageId AND d.state IN ('pending', 'failed'))
       ORDER BY rowid LIMIT ?`,
    ).all(enterprise, provider, afterRowid, limit) as never;
  }

  setReceipt(enterprise: string, provider: string, messageId: string, receiptId: string): void {
    this.stmt('UPDATE messages SET receiptId = ? WHERE enterprise = ? AND provider = ? AND messageId = ?').run(receiptId, enterprise, provider, messageId);
  }

  setEvidence(enterprise: string, provider: string, messageId: string, evidence: string): void {
    this.stmt('UPDATE messages SET evidence = ? WHERE enterprise = ? AND provider = ? AND messageId = ?').run(evidence, enterprise, provider, messageId);
  }

  /** Qualified messages whose evidences were never fetched, or (`retry`) are still incomplete. */
  messagesAwaitingEvidence(enterprise: string, provider: string, retry: boolean): MessageRow[] {
    return this.stmt(
      `SELECT * FROM messages m WHERE enterprise = ? AND provider = ? AND kind = 'qualified' AND (evidence IS NULL OR (? AND evidence <> 'complete'))
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.enterprise = m.enterprise AND d.provider = m.provider AND d.messageId = m.messageId AND d.state IN ('pending', 'failed'))`,
    ).all(enterprise, provider, retry ? 1 : 0) as never;
  }

  provider(enterprise: string, provider: string): ProviderRow | undefined {
    return this.stmt('SELECT * FROM providers WHERE enterprise = ? AND provider = ?').get(enterprise, provider) as never;
  }

  providers(enterprise?: string): ProviderRow[] {
    return (enterprise ? this.stmt('SELECT * FROM providers WHERE enterprise = ? ORDER BY provider').all(enterprise) : this.stmt('SELECT * FROM providers ORDER BY enterprise, provider').all()) as never;
  }

  setListing(enterprise: string, provider: string, listing: 'running' | 'done'): void {
    this.stmt(
      `INSERT INTO providers (enterprise, provider, listing) VALUES (?, ?, ?) ON CONFLICT (enterprise, provider) DO UPDATE SET listing = excluded.listing`,
    ).run(enterprise, provider, listing);
  }

  recordRun(row: ProviderRow): void {
    this.stmt(
      `INSERT INTO providers (enterprise, provider, name, lastRunAt, lastSuccessAt, lastFullAt, lastError, lastSummary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (enterprise, provider) DO UPDATE SET name = coalesce(excluded.name, providers.name), lastRunAt = excluded.lastRunAt,
         lastSuccessAt = coalesce(excluded.lastSuccessAt, providers.lastSuccessAt), lastFullAt = coalesce(excluded.lastFullAt, providers.lastFullAt),
         lastError = excluded.lastError, lastSummary = excluded.lastSummary`,
    ).run(row.enterprise, row.provider, row.name, row.lastRunAt, row.lastSuccessAt, row.lastFullAt, row.lastError, row.lastSummary);
  }

  /** Kept messages, newest first; `expiringBefore` keeps those whose e-Box expiry comes before it. */
  messages(filter: { enterprise?: string; expiringBefore?: string; limit?: number; offset?: number } = {}): MessageRow[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.enterprise) {
      where.push('enterprise = ?');
      args.push(filter.enterprise);
    }
    if (filter.expiringBefore) {
      where.push('expirationDate < ?');
      args.push(filter.expiringBefore);
    }
    const sql = `SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY receiptDate DESC LIMIT ? OFFSET ?`;
    return this.db.prepare(sql).all(...args, filter.limit ?? -1, filter.offset ?? 0) as never;
  }

  allDocuments(enterprise?: string): DocumentRow[] {
    return (enterprise ? this.stmt('SELECT * FROM documents WHERE enterprise = ?').all(enterprise) : this.stmt('SELECT * FROM documents').all()) as never;
  }

  close(): void {
    this.db.close();
  }
}
