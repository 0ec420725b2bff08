// Test support: a real helper context (identity, proof store, receipt service) in a temporary folder with the
// local test TSA, filled the way the extension fills it: documents stored, then acknowledged through the
// ReceiptService, so receipts, PDFs and checkpoints are the helper's own. Used by the bundle tests and benches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AcknowledgeRequest, ReceiptRecord } from '../../../shared/helper-api/receipts.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { createContext, type HelperContext } from '../context.ts';
import { acknowledgeRequest, sha256b64url } from '../receipts/receipt.fixture.ts';
import type { BundleSigner } from './bundle-exporter.ts';
import { helperBundleSigner } from './bundle-signer.ts';

export interface Fixture {
  dir: string;
  ctx: HelperContext;
  tsa: RunningTsa;
  signer: BundleSigner;
  /** PEM of the identity's root CA. */
  caPem: string;
  close(): Promise<void>;
}

export interface FixtureMessage {
  messageId: string;
  documents: { fileName: string; bytes: Uint8Array }[];
  receiptDate?: string;
  senderOrganizationId?: string;
  registeredKind?: 'simple' | 'registered' | 'qualified';
}

function pemOf(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-fixture-'));
  const tsa = await startTsa();
  // Receipts are signed without a TSA (CAdES-B-B, which receipts may be); only bundle signatures ask the test
  // TSA, so a fixture with many receipts makes one time-stamp request per bundle, not one per receipt and PDF.
  const ctx = await createContext({ dataDir: join(dir, 'data'), port: 47_998 });
  return {
    dir,
    ctx,
    tsa,
    signer: helperBundleSigner({ identity: ctx.identity, tsaUrl: tsa.url }),
    caPem: pemOf(ctx.identity.current.chain.at(-1)!),
    async close() {
      await ctx.store.close();
      await ctx.receipts.close();
      await tsa.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores the documents and acknowledges the message through the helper's ReceiptService. */
export async function acknowledge(f: Fixture, m: FixtureMessage): Promise<ReceiptRecord> {
  const base = acknowledgeRequest();
  const documents: AcknowledgeRequest['documents'] = [];
  for (const [i, d] of m.documents.entries()) {
    await f.ctx.store.blobs.put(d.bytes);
    const sha256 = sha256b64url(Buffer.from(d.bytes));
    documents.push({ attachmentId: `att-${i + 1}`, fileName: d.fileName, mediaType: 'application/pdf', sizeBytes: d.bytes.length, sha256, eboxDigest: sha256 });
  }
  return f.ctx.receipts.acknowledge({
    ...base,
    message: {
      ...base.message,
      messageId: m.messageId,
      subject: { fr: `Avis de paiement ${m.messageId}` },
      receiptDate: m.receiptDate ?? base.message.receiptDate,
      senderOrganizationId: m.senderOrganizationId ?? base.message.senderOrganizationId,
      registeredKind: m.registeredKind ?? 'registered',
      registeredMail: (m.registeredKind ?? 'registered') !== 'simple',
    },
    documents,
  });
}
