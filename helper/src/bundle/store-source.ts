// What `ebox-keeper export-bundle` puts in a bundle: the acknowledged messages of the helper's proof store that
// match a selection, each with its receipts (canonical JSON, CMS, signed PDF), their inclusion proofs against the
// latest checkpoint, and the acknowledged documents' bytes from the blob store. The store is scanned once to group
// receipts by message (indexes only); entries and documents are then read one message at a time. Checkpoint
// views and signed PDF receipts come from the helper's ReceiptService, as the HTTP API serves them.
import { sha256ToHex } from '../../../shared/digest.ts';
import { existsSync, statSync } from 'node:fs';
import { receiptSchema, RECEIPT_TYPE, type Receipt } from '../../../shared/helper-api/receipts.ts';
import { readFile } from 'node:fs/promises';
import { EVIDENCE_ENTRY_TYPE } from '../../../shared/evidence/archive.ts';
import type { HelperContext } from '../context.ts';
import { trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import type { ProofStore } from '../store/proof-store.ts';
import type { BundleDocumentInput, BundleEvidenceInput, BundleExportInput, BundleMessageInput, BundleReceiptInput } from './bundle-exporter.ts';
import { pooledFileStream } from './buffer-pool.ts';

export interface BundleSelection {
  messageIds?: string[];
  /** Receipt date of the message, inclusive bounds. */
  from?: Date;
  to?: Date;
  /** CBE number of the sender organisation. */
  sender?: string;
}

export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

/** The receipt's company (version 2), else the recipient the message names, else not known. */
export function enterpriseOf(receipt: Receipt): { cbe: string; name?: string } | null {
  if (receipt.enterprise !== undefined) return receipt.enterprise;
  return receipt.message.recipientEnterpriseId ? { cbe: receipt.message.recipientEnterpriseId } : null;
}

export function parseReceipt(leaf: Buffer): Receipt | undefined {
  let value: unknown;
  try {
    value = JSON.parse(leaf.toString('utf8'));
  } catch {
    return undefined;
  }
  if ((value as { type?: unknown })?.type !== RECEIPT_TYPE) return undefined;
  const parsed = receiptSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

interface EvidenceLeaf {
  messageId: string;
  event?: string;
  eventTime?: string;
}

function parseEvidenceLeaf(leaf: Buffer): EvidenceLeaf | undefined {
  try {
    const value = JSON.parse(leaf.toString('utf8')) as { type?: unknown; messageId?: unknown };
    return value.type === EVIDENCE_ENTRY_TYPE && typeof value.messageId === 'string' ? (value as EvidenceLeaf) : undefined;
  } catch {
    return undefined;
  }
}

function matches(s: BundleSelection, messageId: string, date: string | undefined, sender: string | undefined): boolean {
  if (s.messageIds && !s.messageIds.includes(messageId)) return false;
  if ((s.from || s.to) && !date) return false;
  if (s.from && new Date(date!) < s.from) return false;
  if (s.to && new Date(date!) > s.to) return false;
  if (s.sender && sender !== s.sender) return false;
  return true;
}

/** The archived evidence at `leafIndex` as the bundle carries it: XML, report JSON and PDF, leaf, proof. */
export async function evidenceInput(store: ProofStore, leafIndex: number, treeSize: number): Promise<BundleEvidenceInput | undefined> {
  const leaf = (await store.entry(leafIndex)).leaf;
  const parsed = JSON.parse(leaf.toString('utf8')) as { evidenceSha256: string; reportSha256: string; event?: string };
  const pdfSha = store.artifact(leafIndex, 'pdf');
  if (!store.blobs.has(parsed.evidenceSha256) || !store.blobs.has(parsed.reportSha256)) return undefined;
  return {
    event: parsed.event ?? 'evidence',
    evidence: await store.blobs.get(parsed.evidenceSha256),
    report: await store.blobs.get(parsed.reportSha256),
    ...(pdfSha ? { reportPdf: await store.blobs.get(pdfSha) } : {}),
    leaf,
    proof: {
      leafIndex,
      treeSize,
      leafHash: store.tree.leafHashAt(leafIndex).toString('base64'),
      path: store.tree.inclusionProof(leafIndex, treeSize).map((h) => h.toString('base64')),
    },
  };
}

/** The receipt at `leafIndex` as the bundle carries it: canonical JSON, CMS, signed PDF, inclusion proof. */
export async function receiptInput(
  ctx: Pick<HelperContext, 'store' | 'receipts'>,
  leafIndex: number,
  entry: { leaf: Buffer; signature: Buffer },
  receipt: Receipt,
  treeSize: number,
  options: StoreSourceOptions,
): Promise<BundleReceiptInput> {
  const { store } = ctx;
  const stored = store.artifact(leafIndex, 'pdf');
  const pdf = stored ? await store.blobs.get(stored) : options.makeMissingPdfs ? await ctx.receipts.pdf(receipt.receiptId) : null;
  return {
    receipt: entry.leaf,
    signature: entry.signature,
    ...(pdf ? { pdf } : {}),
    proof: {
      leafIndex,
      treeSize,
      leafHash: store.tree.leafHashAt(leafIndex).toString('base64'),
      path: store.tree.inclusionProof(leafIndex, treeSize).map((h) => h.toString('base64')),
    },
  };
}

export function describeSelection(s: BundleSelection): string {
  const parts = [
    s.messageIds ? `${s.messageIds.length} chosen message(s)` : '',
    s.from ? `received from ${s.from.toISOString().slice(0, 10)}` : '',
    s.to ? `received until ${s.to.toISOString().slice(0, 10)}` : '',
    s.sender ? `sender ${s.sender}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'every acknowledged message';
}

const subjectOf = (r: Receipt) => r.message.subject[r.language] ?? r.message.subject.fr ?? r.message.subject.nl ?? r.message.subject.de ?? r.message.subject.en ?? '';

export interface StoreBundleInput extends BundleExportInput {
  messageCount: number;
  /** Bytes of all documents, for a progress bar. */
  totalBytes: number;
}

/** Selects from the store; throws SelectionError when nothing matches or the store has no checkpoint. */
export interface StoreSourceOptions {
  /**
   * Make (sign and store) a receipt's PDF when the store has none yet, as GET /receipts/:id/receipt.pdf does. Only
   * the running helper may: a command line beside it must not append to its log.
   */
  makeMissingPdfs?: boolean;
}

export async function storeBundleInput(
  ctx: Pick<HelperContext, 'store' | 'receipts' | 'dataDir'>,
  selection: BundleSelection,
  company: { cbe?: string; name?: string } = {},
  options: StoreSourceOptions = {},
): Promise<StoreBundleInput> {
  const { store, receipts: receiptService } = ctx;
  const cp = store.checkpoint;
  if (!cp || cp.treeSize === 0) throw new SelectionError('the proof store is empty: nothing has been acknowledged yet');
  const byMessage = new Map<string, number[]>();
  const evidencesByMessage = new Map<string, number[]>();
  let totalBytes = 0;
  for (let i = 0; i < cp.treeSize; i++) {
    const leaf = (await store.entry(i)).leaf;
    const r = parseReceipt(leaf);
    if (r) {
      if (!matches(selection, r.message.messageId, r.message.receiptDate, r.message.senderOrganizationId)) continue;
      byMessage.set(r.message.messageId, [...(byMessage.get(r.message.messageId) ?? []), i]);
      continue;
    }
    const e = parseEvidenceLeaf(leaf);
    if (e) evidencesByMessage.set(e.messageId, [...(evidencesByMessage.get(e.messageId) ?? []), i]);
  }
  // Evidences travel with their message; a message known only by evidences is selected by id.
  for (const id of selection.messageIds ?? []) if (!byMessage.has(id) && evidencesByMessage.has(id)) byMessage.set(id, []);
  if (byMessage.size === 0) throw new SelectionError(`no acknowledged message matches: ${describeSelection(selection)}`);

  const documentsOf = (r: Receipt): BundleDocumentInput[] =>
    r.documents.flatMap((d) => {
      const path = store.blobs.pathOf(sha256ToHex(d.sha256));
      if (!existsSync(path)) return [];
      const size = statSync(path).size;
      return [{ fileName: d.fileName, mediaType: d.mediaType, size, sha256: d.sha256, ...(d.eboxDigest ? { eboxDigest: d.eboxDigest } : {}), open: () => pooledFileStream(path) }];
    });

  // Sizes for the progress bar come from the newest receipt of each message, the one whose documents are bundled.
  for (const indexes of byMessage.values()) {
    if (indexes.length === 0) continue;
    const r = parseReceipt((await store.entry(indexes.at(-1)!)).leaf)!;
    totalBytes += documentsOf(r).reduce((n, d) => n + d.size, 0);
  }

  const checkpoint = receiptService.checkpointView(cp);

  async function* messages(): AsyncGenerator<BundleMessageInput> {
    for (const [messageId, indexes] of byMessage) {
      const entries = await Promise.all(indexes.map(async (i) => ({ i, entry: await store.entry(i) })));
      const receipts = entries.map(({ entry }) => parseReceipt(entry.leaf)!);
      const evidences = (await Promise.all((evidencesByMessage.get(messageId) ?? []).map((i) => evidenceInput(store, i, cp!.treeSize)))).filter((e) => e !== undefined);
      const latest = receipts.at(-1);
      if (!latest) {
        const first = (await Promise.all((evidencesByMessage.get(messageId) ?? []).map(async (i) => parseEvidenceLeaf((await store.entry(i)).leaf))))[0];
        yield {
          messageId,
          subject: '(known by its QERDS evidence only)',
          sender: '(see the evidence)',
          receiptDate: first?.eventTime ?? new Date(0).toISOString(),
          registeredKind: 'qualified',
          metadata: { messageId, source: 'QERDS evidence' },
          documents: [],
          receipts: [],
          evidences,
        };
        continue;
      }
      yield {
        messageId,
        enterprise: enterpriseOf(latest),
        subject: subjectOf(latest),
        sender: latest.message.senderOrganizationName ? `${latest.message.senderOrganizationName} (${latest.message.senderOrganizationId})` : latest.message.senderOrganizationId,
        receiptDate: latest.message.receiptDate,
        ...(latest.message.expirationDate ? { expirationDate: latest.message.expirationDate } : {}),
        registeredKind: latest.message.registeredKind ?? (latest.message.registeredMail ? 'registered' : 'simple'),
        metadata: latest.message,
        documents: documentsOf(latest),
        receipts: await Promise.all(entries.map(({ i, entry }, n) => receiptInput(ctx, i, entry, receipts[n]!, cp!.treeSize, options))),
        evidences,
      };
    }
  }

  const trustedList = await readFile(trustedListPath(ctx.dataDir)).catch(() => undefined);
  const trustedListSigners = await readFile(trustedListSignerPath(ctx.dataDir)).catch(() => undefined);
  return {
    company,
    selection: describeSelection(selection),
    checkpoint,
    ...(trustedList ? { trustedList, ...(trustedListSigners ? { trustedListSigners } : {}) } : {}),
    messages: messages(),
    messageCount: byMessage.size,
    totalBytes,
  };
}
