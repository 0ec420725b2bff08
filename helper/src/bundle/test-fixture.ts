// Test support: a real proof store in a temporary folder, filled the way the helper fills it (documents in the
// blob store, receipts signed with the helper's CMS signer and time-stamped by the local test TSA, appended to the
// log, signed PDFs as artifacts), and a BundleSigner on the same identity. Used by the bundle tests and the bench.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECEIPT_TYPE, RECEIPT_VERSION, type Receipt } from '../../../shared/helper-api/receipts.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { signDetached } from '../cms/signer.ts';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import type { Identity } from '../identity/identity.ts';
import { ProofStore } from '../store/proof-store.ts';
import type { BundleSigner } from './bundle-exporter.ts';

export interface Fixture {
  dir: string;
  store: ProofStore;
  identity: Identity;
  tsa: RunningTsa;
  signer: BundleSigner;
  /** PEM of the identity's root CA, then of the signing certificate. */
  caPem: string;
  signerPem: string;
  close(): Promise<void>;
}

export interface FixtureMessage {
  messageId: string;
  documents: { fileName: string; bytes: Uint8Array }[];
  receiptDate?: string;
  sender?: string;
  registeredMail?: boolean;
}

function pemOf(der: Uint8Array): string {
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

export async function createFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-fixture-'));
  const tsa = await startTsa();
  const identity = await createDevelopmentIdentity();
  const store = await ProofStore.open({ dir: join(dir, 'store') });
  const signer: BundleSigner = {
    sign: (manifest) => signDetached(manifest, identity, { tsaUrl: tsa.url }),
    certificates: identity.chain,
    subject: 'e-Box Keeper development identity',
  };
  return {
    dir,
    store,
    identity,
    tsa,
    signer,
    caPem: pemOf(identity.chain[1]!),
    signerPem: pemOf(identity.chain[0]!),
    async close() {
      await store.close();
      await tsa.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Acknowledges a message as the helper does: documents stored, receipt signed, appended, PDF kept. */
export async function acknowledge(f: Fixture, m: FixtureMessage, options: { timestamp?: boolean } = {}): Promise<Receipt> {
  const documents = [];
  for (const [i, d] of m.documents.entries()) {
    const { sha256 } = await f.store.blobs.put(d.bytes);
    const b64 = Buffer.from(sha256, 'hex').toString('base64url');
    documents.push({ attachmentId: String(i + 1), fileName: d.fileName, mediaType: 'application/pdf', sizeBytes: d.bytes.length, sha256: b64, eboxDigest: b64, digestCheck: 'match' as const });
  }
  const receipt: Receipt = {
    type: RECEIPT_TYPE,
    version: RECEIPT_VERSION,
    receiptId: randomUUID(),
    message: {
      messageId: m.messageId,
      subject: { fr: `Avis de paiement ${m.messageId}`, nl: `Betalingsbericht ${m.messageId}` },
      senderOrganizationId: m.sender ?? '0206731645',
      senderOrganizationName: 'ONSS',
      receiptDate: m.receiptDate ?? '2026-10-05T09:30:00+02:00',
      expirationDate: '2027-10-05T09:30:00+02:00',
      registeredMail: m.registeredMail ?? true,
    },
    documents,
    openedAt: '2026-10-06T08:00:00+02:00',
    openedBy: { name: 'Anne Dupont' },
    acknowledgedAt: '2026-10-06T08:00:05+02:00',
    language: 'fr',
    helper: { name: 'e-Box Keeper', version: '0.1.0' },
    signer: { subject: 'dev', certificateSha256: '00'.repeat(32), development: true },
  };
  const leaf = Buffer.from(JSON.stringify(receipt), 'utf8');
  const signature = await signDetached(leaf, f.identity, options.timestamp ? { tsaUrl: f.tsa.url } : {});
  const { leafIndex } = await f.store.append({ leaf, signature });
  await f.store.putArtifact(leafIndex, 'pdf', Buffer.from(`%PDF-1.7 receipt ${receipt.receiptId}\n%%EOF\n`));
  return receipt;
}
