import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { receiptRecordSchema } from '../../../shared/helper-api/receipts.ts';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import { IdentityHolder } from '../identity/identity-holder.ts';
import { verifyCms } from '../cms/verifier.ts';
import { ProofStore } from '../store/proof-store.ts';
import { verifyInclusion } from '../store/merkle.ts';
import { acknowledgeRequest } from './receipt.fixture.ts';
import { ReceiptService } from './receipt-service.ts';
import { SigningPool } from './signing-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-receipts-'));
let pool: SigningPool;
let receipts: ReceiptService;
let store: ProofStore;
beforeAll(async () => {
  pool = new SigningPool(1);
  receipts = new ReceiptService(new IdentityHolder(dir, await createDevelopmentIdentity()), () => undefined, pool);
  store = await ProofStore.open({ dir: join(dir, 'store'), onEntry: receipts.indexEntry });
  receipts.attach(store);
});
afterAll(async () => {
  await store.close();
  await receipts.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('acknowledgements through the signing threads', () => {
  it('answer with the signed leaf as the receipt, provable under the checkpoint of the answer', async () => {
    const answer = JSON.parse(await receipts.acknowledgeBody(JSON.stringify(acknowledgeRequest())));
    const record = receiptRecordSchema.parse(answer);
    const entry = await store.entry(record.inclusion.leafIndex);
    expect(JSON.parse(entry.leaf.toString('utf8'))).toEqual(answer.receipt);
    expect(verifyCms(entry.signature, entry.leaf).signerCertificate).toBeDefined();
    const path = record.inclusion.path.map((p) => Buffer.from(p, 'base64'));
    const root = Buffer.from(record.checkpoint.rootHash, 'base64');
    expect(verifyInclusion(Buffer.from(record.inclusion.leafHash, 'base64'), record.inclusion.leafIndex, record.checkpoint.treeSize, path, root)).toBe(true);
  });

  it('refuse a bad body with 400 naming the field, and store nothing for it', async () => {
    const before = store.size;
    await expect(receipts.acknowledgeBody(JSON.stringify({ ...acknowledgeRequest(), openedAt: 'yesterday' }))).rejects.toMatchObject({ status: 400, field: 'openedAt' });
    expect(store.size).toBe(before);
  });

  it('lose no acknowledgement when the signing thread dies mid-load: its requests are signed on the main thread', async () => {
    const before = store.size;
    const body = JSON.stringify(acknowledgeRequest());
    const acks = Array.from({ length: 60 }, () => receipts.acknowledgeBody(body));
    await pool.workers[0]!.terminate();
    const answers = (await Promise.all(acks)).map((a) => receiptRecordSchema.parse(JSON.parse(a)));
    expect(new Set(answers.map((a) => a.inclusion.leafIndex)).size).toBe(60);
    expect(store.size).toBe(before + 60);
    for (const a of answers) expect(receipts.leafIndexOf(a.receiptId)).toBe(a.inclusion.leafIndex);
    // And the pool has a live thread again for the next one.
    await receipts.acknowledgeBody(body);
    expect(pool.workers).toHaveLength(1);
  });
});
