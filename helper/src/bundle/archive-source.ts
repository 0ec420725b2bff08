// What the archive page's bundle holds: every selected message as the extension archived it (its metadata and its
// documents' bytes, uploaded to the helper's document store beforehand and named by SHA-256), with whatever proofs
// the helper has for it: receipts (CMS, signed PDF, inclusion proof) and archived QERDS evidences, proven against
// the latest checkpoint. The store is scanned once, by index, for the selected ids; entries and documents are read
// one message at a time while the bundle is written.
import { sha256ToHex } from '../../../shared/digest.ts';
import { statSync } from 'node:fs';
import { translate } from '../../../shared/ebox/model.ts';
import { archivedMessageSchema } from '../../../shared/bundle/archived-message.ts';
import type { HelperContext } from '../context.ts';
import { evidenceArchiveOf } from '../evidence/evidence-archive.ts';
import { trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { readFile } from 'node:fs/promises';
import type { BundleDocumentInput, BundleMessageInput } from './bundle-exporter.ts';
import { pooledFileStream } from './buffer-pool.ts';
import { enterpriseOf, evidenceInput, parseReceipt, receiptInput, SelectionError, type StoreBundleInput, type StoreSourceOptions } from './store-source.ts';

interface Planned {
  messageId: string;
  /** Undefined when the archive page did not say (then taken from the message's receipts). */
  enterprise: { cbe: string; name?: string } | null | undefined;
  subject: string;
  sender: string;
  receiptDate: string;
  expirationDate: string | undefined;
  registeredKind: 'simple' | 'registered' | 'qualified';
  metadata: Buffer;
  documents: { fileName: string; mediaType: string; sha256: string; eboxDigest: string | undefined }[];
}

export interface ArchiveSelection {
  /** The request's messages, checked here one at a time against archivedMessageSchema; each is let go once condensed. */
  messages: unknown[];
  /** In words, for report.pdf. */
  selection: string;
  company: { cbe?: string; name?: string };
}


/** Throws SelectionError naming what is wrong: a message given twice, documents never uploaded. */
export async function archiveBundleInput(
  ctx: Pick<HelperContext, 'store' | 'receipts' | 'dataDir'>,
  request: ArchiveSelection,
  options: StoreSourceOptions = {},
): Promise<StoreBundleInput> {
  const { store } = ctx;
  const wanted = new Set<string>();
  const sizes = new Map<string, number>();
  const missing: string[] = [];
  let totalBytes = 0;
  // What the export needs of each message, compact: its metadata as the JSON bytes message.json will hold, not
  // the request's objects (several times larger), and each entry let go once the bundle has it.
  const plan: (Planned | undefined)[] = [];
  for (let i = 0; i < request.messages.length; i++) {
    const checked = archivedMessageSchema.safeParse(request.messages[i]);
    request.messages[i] = undefined;
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new SelectionError(`invalid body field "${['messages', i, ...issue.path].map(String).join('.')}": ${issue.message}`);
    }
    const a = checked.data;
    const m = a.message;
    if (wanted.has(m.messageId)) throw new SelectionError(`message ${m.messageId} is given twice`);
    wanted.add(m.messageId);
    for (const d of a.documents) {
      let size = sizes.get(d.sha256);
      if (size === undefined) {
        try {
          size = statSync(store.blobs.pathOf(sha256ToHex(d.sha256))).size;
          sizes.set(d.sha256, size);
        } catch {
          missing.push(`${d.fileName} (message ${m.messageId})`);
          continue;
        }
      }
      totalBytes += size;
    }
    plan.push({
      messageId: m.messageId,
      enterprise: a.enterprise,
      subject: translate(m.subject, 'en'),
      sender: a.senderName ? `${a.senderName} (${m.senderOrganizationId})` : m.senderOrganizationId,
      receiptDate: new Date(m.receiptDate).toISOString(),
      expirationDate: m.expirationDate ? new Date(m.expirationDate).toISOString() : undefined,
      registeredKind: a.registeredKind ?? (m.registeredMail ? 'registered' : 'simple'),
      metadata: Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8'),
      documents: a.documents.map((d) => ({ fileName: d.fileName, mediaType: d.mediaType, sha256: d.sha256, eboxDigest: d.eboxDigest })),
    });
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    throw new SelectionError(`${missing.length} document(s) are not in the helper's document store (upload them first with POST /v1/documents): ${shown}`);
  }
  const messageCount = plan.length;

  // Proofs by message, from the helper's in-memory indexes: leaf indexes of its receipts and evidences that the
  // latest checkpoint covers.
  const cp = store.checkpoint;
  const treeSize = cp?.treeSize ?? 0;
  const evidenceArchive = evidenceArchiveOf(store);
  const receiptsOf = new Map<string, number[]>();
  const evidencesOf = new Map<string, number[]>();
  for (const id of wanted) {
    const receipts = ctx.receipts.leafIndexesOf(id).filter((i) => i < treeSize);
    const evidences = (await evidenceArchive.leafIndexesOf(id)).filter((i) => i < treeSize);
    if (receipts.length > 0) receiptsOf.set(id, receipts);
    if (evidences.length > 0) evidencesOf.set(id, evidences);
  }
  const anyProof = receiptsOf.size > 0 || evidencesOf.size > 0;

  async function* messages(): AsyncGenerator<BundleMessageInput> {
    for (let i = 0; i < plan.length; i++) {
      const m = plan[i]!;
      plan[i] = undefined;
      const receipts = await Promise.all(
        (receiptsOf.get(m.messageId) ?? []).map(async (i) => {
          const entry = await store.entry(i);
          return receiptInput(ctx, i, entry, parseReceipt(entry.leaf)!, treeSize, options);
        }),
      );
      const evidences = (await Promise.all((evidencesOf.get(m.messageId) ?? []).map((i) => evidenceInput(store, i, treeSize)))).filter((e) => e !== undefined);
      const documents: BundleDocumentInput[] = m.documents.map((d) => {
        const path = store.blobs.pathOf(sha256ToHex(d.sha256));
        return {
          fileName: d.fileName,
          mediaType: d.mediaType,
          size: sizes.get(d.sha256)!,
          sha256: d.sha256,
          ...(d.eboxDigest ? { eboxDigest: d.eboxDigest } : {}),
          open: () => pooledFileStream(path),
        };
      });
      yield {
        messageId: m.messageId,
        // The archive's company for the message; else its newest receipt's; else not known.
        enterprise: m.enterprise !== undefined ? m.enterprise : receipts.length > 0 ? enterpriseOf(parseReceipt(Buffer.from(receipts.at(-1)!.receipt))!) : null,
        subject: m.subject,
        sender: m.sender,
        receiptDate: m.receiptDate,
        ...(m.expirationDate ? { expirationDate: m.expirationDate } : {}),
        registeredKind: evidences.length > 0 ? 'qualified' : m.registeredKind,
        metadata: m.metadata,
        documents,
        receipts,
        evidences,
      };
    }
  }

  const trustedList = await readFile(trustedListPath(ctx.dataDir)).catch(() => undefined);
  const trustedListSigners = await readFile(trustedListSignerPath(ctx.dataDir)).catch(() => undefined);
  return {
    company: request.company,
    selection: request.selection,
    ...(anyProof && cp ? { checkpoint: ctx.receipts.checkpointView(cp) } : {}),
    ...(trustedList && evidencesOf.size > 0 ? { trustedList, ...(trustedListSigners ? { trustedListSigners } : {}) } : {}),
    messages: messages(),
    messageCount,
    totalBytes,
  };
}
