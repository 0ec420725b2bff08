// Acknowledgements end to end: build the canonical receipt and sign it (detached CAdES, B-T when a TSA is set) in
// a signing thread, append receipt and signature to the proof store, and answer with the inclusion proof under the
// signed checkpoint. Also serves the receipt's files, building and signing the PDF on first request (then kept as an
// artifact): the signed CMS receipt is the proof, the PDF its readable form, so acknowledging never waits for one.
import { X509Certificate } from 'node:crypto';
import { RECEIPT_TYPE, receiptSchema, type AcknowledgeRequest, type Receipt, type ReceiptRecord } from '../../../shared/helper-api/receipts.ts';
import type { Checkpoint } from '../../../shared/helper-api/store.ts';
import { HELPER_API_BASE } from '../../../shared/helper-api/protocol.ts';
import type { IdentityHolder } from '../identity/identity-holder.ts';
import { schemeForKey, summariseChain, type Identity } from '../identity/identity.ts';
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import type { ProofStore, StoreEntry, CheckpointState } from '../store/proof-store.ts';
import { canonicalBytes } from './canonical-json.ts';
import type { SignedReceipt } from './receipt-signing.ts';
import { SigningThreadStopped, type SigningPool } from './signing-pool.ts';

export interface ReceiptFiles {
  json: Buffer;
  p7s: Buffer;
}

export class ReceiptService {
  private readonly byId = new Map<string, number>();
  private readonly byMessage = new Map<string, string[]>();
  private readonly pdfInFlight = new Map<string, Promise<Buffer>>();
  private store!: ProofStore;
  private readonly identity: IdentityHolder;
  private readonly tsaUrl: () => string | undefined;
  /** Null: sign on the calling thread (a one-core machine, or tests that ask for it). */
  private readonly signing: SigningPool | null;

  constructor(identity: IdentityHolder, tsaUrl: () => string | undefined, signing: SigningPool | null = null) {
    this.identity = identity;
    this.tsaUrl = tsaUrl;
    this.signing = signing;
  }

  /** Feeds the index while the store opens (ProofStoreOptions.onEntry). */
  indexEntry = (leafIndex: number, entry: StoreEntry): void => {
    let parsed: { type?: unknown; receiptId?: unknown; message?: { messageId?: unknown } };
    try {
      parsed = JSON.parse(entry.leaf.toString('utf8'));
    } catch {
      return; // not JSON: some other kind of entry
    }
    if (parsed.type !== RECEIPT_TYPE || typeof parsed.receiptId !== 'string') return;
    this.index(parsed.receiptId, String(parsed.message?.messageId), leafIndex);
  };

  attach(store: ProofStore): void {
    this.store = store;
  }

  private index(receiptId: string, messageId: string, leafIndex: number): void {
    this.byId.set(receiptId, leafIndex);
    const list = this.byMessage.get(messageId) ?? [];
    list.push(receiptId);
    this.byMessage.set(messageId, list);
  }

  get count(): number {
    return this.byId.size;
  }

  async acknowledge(request: AcknowledgeRequest): Promise<ReceiptRecord> {
    return JSON.parse(await this.acknowledgeBody(JSON.stringify(request))) as ReceiptRecord;
  }

  /**
   * An acknowledgement request as the JSON text the extension sent (a body that is not one is refused with 400),
   * answered with the ReceiptRecord as JSON text. Its `receipt` member is the signed leaf itself, spliced in: the
   * receipt never exists as an object on this thread, and is never serialised twice.
   */
  async acknowledgeBody(body: string): Promise<string> {
    const identity = this.identity.current;
    const signer = this.identity.summary;
    const tsaUrl = this.tsaUrl();
    const signed = await this.sign(body, identity, signer, tsaUrl);
    const appended = await this.store.append({ leaf: signed.leaf, signature: signed.cms });
    this.index(signed.receiptId, signed.messageId, appended.leafIndex);
    // We just made the signature: no need to parse it back (that costs milliseconds per receipt).
    const rest = JSON.stringify(this.recordRest(signed.receiptId, appended.leafIndex, appended.checkpoint, signer, signed.timestampedAt, appended.inclusionPath));
    return `{"receiptId":${JSON.stringify(signed.receiptId)},"receipt":${signed.leaf.toString('utf8')},${rest.slice(1)}`;
  }

  private async sign(body: string, identity: Identity, signer: IdentitySummary, tsaUrl: string | undefined): Promise<SignedReceipt> {
    // The CMS library loads with the first signature made on this thread (usually the signing threads make them).
    const signAcknowledgement = async (...args: Parameters<typeof import('./receipt-signing.ts').signAcknowledgement>) =>
      (await import('./receipt-signing.ts')).signAcknowledgement(...args);
    if (!this.signing) return signAcknowledgement(body, identity, signer, tsaUrl);
    try {
      return await this.signing.sign(body, identity, signer, tsaUrl);
    } catch (err) {
      if (!(err instanceof SigningThreadStopped)) throw err;
      // Nothing of this request was signed or stored: sign it here rather than fail it (the pool starts a new thread).
      return signAcknowledgement(body, identity, signer, tsaUrl);
    }
  }

  /** Starts the signing threads before the first acknowledgement needs them. */
  async warmUp(): Promise<void> {
    await this.signing?.warmUp();
  }

  async close(): Promise<void> {
    await this.signing?.close();
  }

  async record(receiptId: string): Promise<ReceiptRecord | null> {
    const leafIndex = this.byId.get(receiptId);
    if (leafIndex === undefined) return null;
    const { receipt, signature } = await this.load(leafIndex);
    // Loaded on first use, as the PDF libraries below: an idle helper does not hold them (issue 15: idle RSS).
    const { verifyCms } = await import('../cms/verifier.ts');
    const verified = verifyCms(signature, canonicalBytes(receipt));
    const signerFirst = [Buffer.from(verified.signerCertificate.raw), ...verified.certificates.map((c: X509Certificate) => Buffer.from(c.raw)).filter((c) => !c.equals(verified.signerCertificate.raw))];
    const current = this.identity.summary;
    const signer =
      receipt.signer.certificateSha256 === current.certificateSha256
        ? current
        : summariseChain(signerFirst, schemeForKey(verified.signerCertificate.publicKey), receipt.signer.development);
    return this.toRecord(receipt, leafIndex, this.store.checkpoint!, signer, verified.timestamp?.genTime.toISOString());
  }

  async listForMessage(messageId: string): Promise<ReceiptRecord[]> {
    const ids = this.byMessage.get(messageId) ?? [];
    return Promise.all(ids.map(async (id) => (await this.record(id))!));
  }

  leafIndexOf(receiptId: string): number | undefined {
    return this.byId.get(receiptId);
  }

  /** The leaf indexes of a message's receipts, oldest first. */
  leafIndexesOf(messageId: string): number[] {
    return (this.byMessage.get(messageId) ?? []).map((id) => this.byId.get(id)!);
  }

  async files(receiptId: string): Promise<ReceiptFiles | null> {
    const leafIndex = this.byId.get(receiptId);
    if (leafIndex === undefined) return null;
    const entry = await this.store.entry(leafIndex);
    return { json: entry.leaf, p7s: entry.signature };
  }

  /** The CMS with the receipt JSON encapsulated: `openssl cms -verify` needs nothing else. */
  async p7m(receiptId: string): Promise<Buffer | null> {
    const files = await this.files(receiptId);
    if (!files) return null;
    // The CMS libraries load with the first download, not with every helper start.
    const { attachContent } = await import('./receipt-downloads.ts');
    return attachContent(files.p7s, files.json);
  }

  /** The JSON, its .p7s, the signer's chain, the inclusion proof, the checkpoint and how to check them. */
  async zip(receiptId: string): Promise<Buffer | null> {
    const [files, record] = await Promise.all([this.files(receiptId), this.record(receiptId)]);
    if (!files || !record) return null;
    const { receiptZip } = await import('./receipt-downloads.ts');
    return receiptZip(files, record);
  }

  /** The signed PDF receipt: made once, stored as an artifact of the entry, then served from the store. */
  async pdf(receiptId: string): Promise<Buffer | null> {
    const leafIndex = this.byId.get(receiptId);
    if (leafIndex === undefined) return null;
    const stored = this.store.artifact(leafIndex, 'pdf');
    if (stored) return this.store.blobs.get(stored);
    let pending = this.pdfInFlight.get(receiptId);
    if (!pending) {
      pending = this.makePdf(leafIndex).finally(() => this.pdfInFlight.delete(receiptId));
      this.pdfInFlight.set(receiptId, pending);
    }
    return pending;
  }

  private async makePdf(leafIndex: number): Promise<Buffer> {
    const entry = await this.store.entry(leafIndex);
    const receipt = receiptSchema.parse(JSON.parse(entry.leaf.toString('utf8')));
    const identity = this.identity.current;
    // The log as the receipt entered it (whenever the PDF is first asked for): its size and root then, which any
    // later signed checkpoint extends (consistency proof).
    const [{ buildReceiptPdf }, { signPdf }] = await Promise.all([import('./pdf-receipt.ts'), import('./pades.ts')]);
    const doc = await buildReceiptPdf(
      receipt,
      { leafIndex, treeSize: leafIndex + 1, rootHash: this.store.tree.root(leafIndex + 1), signerSubject: receipt.signer.subject },
      { json: entry.leaf, p7s: entry.signature },
    );
    const tsaUrl = this.tsaUrl();
    const pdf = await signPdf(doc, identity, {
      ...(tsaUrl ? { tsaUrl } : {}),
      timestamp: 'best-effort',
      reason: `Acknowledgement of receipt ${receipt.receiptId}`,
      signerName: this.identity.summary.subject,
    });
    await this.store.putArtifact(leafIndex, 'pdf', pdf);
    return pdf;
  }

  private async load(leafIndex: number): Promise<{ receipt: Receipt; signature: Buffer }> {
    const entry = await this.store.entry(leafIndex);
    return { receipt: receiptSchema.parse(JSON.parse(entry.leaf.toString('utf8'))), signature: entry.signature };
  }

  private toRecord(receipt: Receipt, leafIndex: number, checkpoint: CheckpointState, signer: IdentitySummary, timestampedAt?: string): ReceiptRecord {
    return { receiptId: receipt.receiptId, receipt, ...this.recordRest(receipt.receiptId, leafIndex, checkpoint, signer, timestampedAt) };
  }

  /** Everything of a ReceiptRecord after its receiptId and receipt, in the order it is written. */
  private recordRest(
    receiptId: string,
    leafIndex: number,
    checkpoint: CheckpointState,
    signer: IdentitySummary,
    timestampedAt?: string,
    inclusionPath = this.store.tree.inclusionProof(leafIndex, checkpoint.treeSize),
  ): Omit<ReceiptRecord, 'receiptId' | 'receipt'> {
    const base = `${HELPER_API_BASE}/receipts/${receiptId}`;
    return {
      timestamped: timestampedAt !== undefined,
      ...(timestampedAt !== undefined ? { timestampedAt } : {}),
      inclusion: {
        leafIndex,
        treeSize: checkpoint.treeSize,
        leafHash: this.store.tree.leafHashAt(leafIndex).toString('base64'),
        path: inclusionPath.map((h) => h.toString('base64')),
      },
      checkpoint: this.checkpointView(checkpoint),
      signer,
      downloads: { json: `${base}/receipt.json`, p7s: `${base}/receipt.p7s`, pdf: `${base}/receipt.pdf`, p7m: `${base}/receipt.p7m`, zip: `${base}/receipt.zip` },
    };
  }

  checkpointView(checkpoint: CheckpointState): Checkpoint {
    return {
      note: checkpoint.note,
      origin: this.store.info.origin,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash.toString('base64'),
      verifierKey: this.store.verifierKey,
      timestamped: Boolean(checkpoint.timestampToken ?? this.store.checkpointTimestamp(checkpoint.treeSize)),
    };
  }
}
