// Imports an exported archive: every document's SHA-256 is verified before anything is written, then the content
// is merged without duplicates (same document bytes are kept once; filing is united; the first archiving wins).
// Each message keeps the company the file says it is of (files from before companies: "company unknown"); a
// message the archive already files under another company is left as it is and counted, never re-attached.
import { z } from 'zod';
import type { ArchiveDb } from './db.ts';
import { sha256Of } from '../../../shared/digest.ts';
import { EXPORT_FORMAT, type ExportedDocument } from './export-archive.ts';
import { ALL_COMPANIES, isCompanyKey, isCompanyScope } from './company-scope.ts';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import { cleanTags } from './filing.ts';
import type { CompanyRecord, DocumentRecord, Label, MessageRecord, NameRecord } from './records.ts';
import { ArchiveStorageError, isQuotaError } from './storage-error.ts';
import { readZip } from './zip-stream.ts';
import { ruleSchema, type Rule } from '../rules/rule.ts';

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportReport {
  newMessages: number;
  updatedMessages: number;
  newDocuments: number;
  presentDocuments: number;
  /** Messages the archive already files under another company than the file says: left untouched. */
  otherCompany: number;
}

const manifestSchema = z.object({ format: z.literal(EXPORT_FORMAT), version: z.union([z.literal(1), z.literal(2)]), exportedAt: z.string() });
const scopeSchema = (fallback: string) => z.string().refine(isCompanyScope, { message: 'not a company' }).default(fallback);
// Version 1 files knew no companies: their labels serve every company, their rules only mail of unknown company.
const labelSchema = z.object({ id: z.string().min(1), name: z.string().min(1), color: z.string().regex(/^#[0-9a-f]{6}$/i), parentId: z.string().optional(), enterprise: scopeSchema(ALL_COMPANIES) });
const companySchema = z.object({ cbe: z.string().refine((c) => isCompanyKey(c) && c !== UNKNOWN_ENTERPRISE, { message: 'not a CBE number' }), name: z.string().max(300).optional(), lastSeenAt: z.string() });
const nameSchema = z.object({ key: z.string().regex(/^(org|app|type):/), name: z.record(z.string(), z.string()) });
const documentSchema = z.object({
  id: z.string(),
  messageId: z.string().min(1),
  attachmentId: z.string().min(1),
  version: z.number().int().positive(),
  fileName: z.string(),
  mediaType: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().min(1),
  expectedSha256: z.string().optional(),
  digestOk: z.boolean().nullable(),
  contentWarning: z.enum(['not-pdf', 'empty']).optional(),
  storedAt: z.string(),
  path: z.string().regex(/^documents\//).refine((p) => !p.split('/').some((part) => part === '..' || part === ''), { message: 'unsafe path' }),
});
const messageSchema = z.looseObject({
  messageId: z.string().min(1),
  enterprise: z.string().refine(isCompanyKey, { message: 'not a company' }).default(UNKNOWN_ENTERPRISE),
  message: z.unknown(),
  names: z.record(z.string(), z.unknown()),
  labels: z.array(z.string()),
  tags: z.array(z.string()),
  note: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  archivedAt: z.string().optional(),
});

function parseJson<T>(what: string, text: string | undefined, schema: z.ZodType<T>): T {
  if (text === undefined) throw new ImportError(`${what} is missing: not an e-Box Keeper export`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError(`${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ImportError(`${what}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function mergeMessage(known: MessageRecord, incoming: MessageRecord): MessageRecord {
  const firstArchive = [known, incoming].filter((r) => r.archivedAt).sort((a, b) => a.archivedAt!.localeCompare(b.archivedAt!))[0];
  const newer = incoming.lastSeenAt > known.lastSeenAt ? incoming : known;
  return {
    ...newer,
    enterprise: known.enterprise,
    labels: [...new Set([...known.labels, ...incoming.labels])],
    tags: cleanTags([...known.tags, ...incoming.tags]),
    note: known.note && incoming.note && known.note !== incoming.note ? `${known.note}\n\n${incoming.note}` : known.note || incoming.note,
    firstSeenAt: known.firstSeenAt < incoming.firstSeenAt ? known.firstSeenAt : incoming.firstSeenAt,
    ...(firstArchive ? { archivedAt: firstArchive.archivedAt!, archivedBy: firstArchive.archivedBy ?? '' } : {}),
    ...(known.integrity === 'mismatch' || incoming.integrity === 'mismatch' ? { integrity: 'mismatch' as const } : {}),
  };
}

export async function importArchive(db: ArchiveDb, file: Blob): Promise<ImportReport> {
  const texts = new Map<string, string>();
  const blobs = new Map<string, Blob>();
  await readZip(file, async (name, data) => {
    if (name.startsWith('documents/')) blobs.set(name, data);
    else if (name.endsWith('.json')) texts.set(name, await data.text());
  });
  parseJson('manifest.json', texts.get('manifest.json'), manifestSchema);
  const messages = parseJson('messages.json', texts.get('messages.json'), z.array(messageSchema)) as unknown as MessageRecord[];
  const labels: Label[] = parseJson('labels.json', texts.get('labels.json'), z.array(labelSchema)).map((l) => ({ ...l }));
  const rules: Rule[] = parseJson('rules.json', texts.get('rules.json') ?? '[]', z.array(z.preprocess((r) => (r && typeof r === 'object' && !('enterprise' in r) ? { ...r, enterprise: UNKNOWN_ENTERPRISE } : r), ruleSchema)));
  const companies: CompanyRecord[] = parseJson('companies.json', texts.get('companies.json') ?? '[]', z.array(companySchema));
  const names = parseJson('names.json', texts.get('names.json') ?? '[]', z.array(nameSchema)) as NameRecord[];
  const documents: ExportedDocument[] = parseJson('documents.json', texts.get('documents.json'), z.array(documentSchema));

  // Each record must carry its own message (the normalised model), or the archive would show an empty shell.
  for (const m of messages) {
    const inner = m.message as { messageId?: unknown; subject?: unknown; documents?: unknown } | undefined;
    if (!inner || inner.messageId !== m.messageId || typeof inner.subject !== 'object' || !Array.isArray(inner.documents)) throw new ImportError(`messages.json: message ${m.messageId} is damaged`);
  }
  const bad: string[] = [];
  for (const d of documents) {
    const blob = blobs.get(d.path);
    if (!blob) bad.push(`${d.fileName} (${d.id}): missing from the file`);
    else if (blob.size !== d.bytes || (await sha256Of(blob)) !== d.sha256) bad.push(`${d.fileName} (${d.id}): checksum does not match`);
  }
  if (bad.length) throw new ImportError(`${bad.length} document(s) failed verification, nothing was imported: ${bad.slice(0, 10).join('; ')}`);

  const report: ImportReport = { newMessages: 0, updatedMessages: 0, newDocuments: 0, presentDocuments: 0, otherCompany: 0 };
  try {
    await db.transaction('rw', [db.messages, db.documents, db.labels, db.rules, db.names, db.companies], async () => {
      const knownCompanies = new Set(await db.companies.toCollection().primaryKeys());
      await db.companies.bulkAdd(companies.filter((c) => !knownCompanies.has(c.cbe)));
      const knownLabels = new Set(await db.labels.toCollection().primaryKeys());
      await db.labels.bulkAdd(labels.filter((l) => !knownLabels.has(l.id)));
      const knownRules = new Set(await db.rules.toCollection().primaryKeys());
      await db.rules.bulkAdd(rules.filter((r) => !knownRules.has(r.id)));
      await db.names.bulkPut(names);
      const existing = await db.messages.bulkGet(messages.map((m) => m.messageId));
      const skipped = new Set<string>();
      const merged = messages.flatMap((m, i) => {
        const known = existing[i];
        if (known && known.enterprise !== m.enterprise && known.enterprise !== UNKNOWN_ENTERPRISE && m.enterprise !== UNKNOWN_ENTERPRISE) {
          report.otherCompany++;
          skipped.add(m.messageId);
          return [];
        }
        if (known) report.updatedMessages++;
        else report.newMessages++;
        if (!known) return [m];
        const kept = mergeMessage(known, m);
        return [known.enterprise === UNKNOWN_ENTERPRISE ? { ...kept, enterprise: m.enterprise } : kept];
      });
      const sizes = new Map<string, number>();
      const sorted = [...documents].filter((d) => !skipped.has(d.messageId)).sort((a, b) => a.messageId.localeCompare(b.messageId) || a.attachmentId.localeCompare(b.attachmentId) || a.version - b.version);
      for (const d of sorted) {
        const versions = await db.documents.where('[messageId+attachmentId]').equals([d.messageId, d.attachmentId]).toArray();
        if (versions.some((v) => v.sha256 === d.sha256)) {
          report.presentDocuments++;
          continue;
        }
        const taken = new Set(versions.map((v) => v.version));
        const version = taken.has(d.version) ? Math.max(...taken) + 1 : d.version;
        const { path: _path, ...meta } = d;
        const record: DocumentRecord = { ...meta, id: `${d.messageId}/${d.attachmentId}/${version}`, version, blob: blobs.get(d.path)! };
        await db.documents.add(record);
        report.newDocuments++;
      }
      for (const m of merged) {
        let bytes = 0;
        await db.documents.where('messageId').equals(m.messageId).each((d) => void (bytes += d.bytes));
        sizes.set(m.messageId, bytes);
      }
      await db.messages.bulkPut(merged.map((m) => (sizes.get(m.messageId) || m.storedBytes !== undefined ? { ...m, storedBytes: sizes.get(m.messageId) ?? 0 } : m)));
    });
  } catch (e) {
    if (isQuotaError(e)) {
      throw new ArchiveStorageError(
        [{ messageId: '(import)', subject: `${messages.length} messages`, documents: documents.map((d) => ({ fileName: d.fileName, bytes: d.bytes })) }],
        e,
      );
    }
    throw e;
  }
  return report;
}
