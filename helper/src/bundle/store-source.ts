// What `ebox-keeper export-bundle` puts in a bundle: the acknowledged messages of the helper's proof store that
// match a selection, each with its receipts (canonical JSON, CMS, signed PDF), their inclusion proofs against the
// latest checkpoint, and the acknowledged documents' bytes from the blob store. The store is scanned once to group
// receipts by message (indexes only); entries and documents are then read one message at a time. Checkpoint
// views and signed PDF receipts come from the helper's ReceiptService, as the HTTP API serves them.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { receiptSchema, RECEIPT_TYPE, type Receipt } from '../../../shared/helper-api/receipts.ts';
import type { HelperContext } from '../context.ts';
import type { BundleDocumentInput, BundleExportInput, BundleMessageInput } from './bundle-exporter.ts';

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

function parseReceipt(leaf: Buffer): Receipt | undefined {
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

function matches(r: Receipt, s: BundleSelection): boolean {
  const received = new Date(r.message.receiptDate);
  if (s.messageIds && !s.messageIds.includes(r.message.messageId)) return false;
  if (s.from && received < s.from) return false;
  if (s.to && received > s.to) return false;
  if (s.sender && r.message.senderOrganizationId !== s.sender) return false;
  return true;
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
export async function storeBundleInput(ctx: Pick<HelperContext, 'store' | 'receipts'>, selection: BundleSelection, company: { cbe?: string; name?: string } = {}): Promise<StoreBundleInput> {
  const { store, receipts: receiptService } = ctx;
  const cp = store.checkpoint;
  if (!cp || cp.treeSize === 0) throw new SelectionError('the proof store is empty: nothing has been acknowledged yet');
  const byMessage = new Map<string, number[]>();
  let totalBytes = 0;
  for (let i = 0; i < cp.treeSize; i++) {
    const r = parseReceipt((await store.entry(i)).leaf);
    if (!r || !matches(r, selection)) continue;
    const list = byMessage.get(r.message.messageId) ?? [];
    list.push(i);
    byMessage.set(r.message.messageId, list);
  }
  if (byMessage.size === 0) throw new SelectionError(`no acknowledged message matches: ${describeSelection(selection)}`);

  const documentsOf = (r: Receipt): BundleDocumentInput[] =>
    r.documents.flatMap((d) => {
      const path = store.blobs.pathOf(Buffer.from(d.sha256, 'base64url').toString('hex'));
      if (!existsSync(path)) return [];
      const size = statSync(path).size;
      return [{ fileName: d.fileName, mediaType: d.mediaType, size, sha256: d.sha256, ...(d.eboxDigest ? { registrySha256: d.eboxDigest } : {}), open: () => createReadStream(path, { highWaterMark: 1 << 20 }) }];
    });

  // Sizes for the progress bar come from the newest receipt of each message, the one whose documents are bundled.
  for (const indexes of byMessage.values()) {
    const r = parseReceipt((await store.entry(indexes.at(-1)!)).leaf)!;
    totalBytes += documentsOf(r).reduce((n, d) => n + d.size, 0);
  }

  const checkpoint = receiptService.checkpointView(cp);

  async function* messages(): AsyncGenerator<BundleMessageInput> {
    for (const [messageId, indexes] of byMessage) {
      const entries = await Promise.all(indexes.map(async (i) => ({ i, entry: await store.entry(i) })));
      const receipts = entries.map(({ entry }) => parseReceipt(entry.leaf)!);
      const latest = receipts.at(-1)!;
      yield {
        messageId,
        subject: subjectOf(latest),
        sender: latest.message.senderOrganizationName ? `${latest.message.senderOrganizationName} (${latest.message.senderOrganizationId})` : latest.message.senderOrganizationId,
        receiptDate: latest.message.receiptDate,
        ...(latest.message.expirationDate ? { expirationDate: latest.message.expirationDate } : {}),
        registeredKind: latest.message.registeredKind ?? (latest.message.registeredMail ? 'registered' : 'simple'),
        metadata: latest.message,
        documents: documentsOf(latest),
        receipts: await Promise.all(
          entries.map(async ({ i, entry }, n) => {
            // The signed PDF receipt: made and stored on first request, like GET /receipts/:id/receipt.pdf.
            const pdf = await receiptService.pdf(receipts[n]!.receiptId);
            return {
              receipt: entry.leaf,
              signature: entry.signature,
              ...(pdf ? { pdf } : {}),
              proof: {
                leafIndex: i,
                treeSize: cp!.treeSize,
                leafHash: store.tree.leafHashAt(i).toString('base64'),
                path: store.tree.inclusionProof(i, cp!.treeSize).map((h) => h.toString('base64')),
              },
            };
          }),
        ),
        evidences: [],
      };
    }
  }

  return { company, selection: describeSelection(selection), checkpoint, messages: messages(), messageCount: byMessage.size, totalBytes };
}
