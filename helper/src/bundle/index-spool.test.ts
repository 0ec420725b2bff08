import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleIndexSchema, type BundleMessage } from '../../../shared/bundle/bundle-index.ts';
import { BUNDLE_FORMAT } from '../../../shared/bundle/layout.ts';
import { MAX_INDEX_FILE } from './bundle-verifier.ts';
import { IndexSpool } from './index-spool.ts';

const dir = mkdtempSync(join(tmpdir(), 'index-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(i: number): BundleMessage {
  const base = `messages/MSG-2026-${String(i).padStart(6, '0')}-ABCDEFGH/`;
  return {
    messageId: `MSG-2026-${String(i).padStart(6, '0')}-ABCDEFGH`,
    subject: 'Avis de régularisation DmfA 3/2026 – réf. DMFA-2026-406550',
    sender: 'Office national de sécurité sociale (0206731645)',
    receiptDate: '2026-11-18T09:00:00.000Z',
    registeredKind: 'registered',
    metadata: `${base}message.json`,
    documents: [1, 2, 3].map((n) => ({ path: `${base}documents/Décompte ${n}.pdf`, fileName: `Décompte ${n}.pdf`, mediaType: 'application/pdf', sha256: 'y'.repeat(43), eboxDigest: 'y'.repeat(43) })),
    receipts: [{ receipt: `${base}receipts/1/receipt.json`, signature: `${base}receipts/1/receipt.p7s`, pdf: `${base}receipts/1/receipt.pdf`, proof: `${base}receipts/1/inclusion-proof.json` }],
    evidences: [],
  };
}

async function text(file: { open: () => NodeJS.ReadableStream }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of file.open()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('IndexSpool', () => {
  it('streams the same index it was given, as valid JSON of the announced size, and leaves no file', async () => {
    const spool = new IndexSpool(dir);
    const messages = Array.from({ length: 50 }, (_, i) => entry(i));
    messages.forEach((m) => spool.add(m));
    const head = { format: BUNDLE_FORMAT, createdAt: '2026-11-23T10:00:00.000Z', company: { name: 'Tests SA' }, selection: 'all', checkpoint: 'log/checkpoint.json' } as const;
    const file = spool.file(head);
    const json = await text(file);
    expect(Buffer.byteLength(json)).toBe(file.size);
    expect(bundleIndexSchema.parse(JSON.parse(json))).toEqual({ ...head, messages });
    expect(spool.withReceipts).toBe(50);
    spool.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps an index of 20,000 messages (3 documents and a receipt each) within what verify-bundle reads', () => {
    const spool = new IndexSpool(dir);
    for (let i = 0; i < 20_000; i++) spool.add(entry(i));
    const { size } = spool.file({ format: BUNDLE_FORMAT, createdAt: '2026-11-23T10:00:00.000Z', company: {}, selection: 'all' });
    spool.close();
    expect(size).toBeLessThan(MAX_INDEX_FILE / 2);
  });
});
