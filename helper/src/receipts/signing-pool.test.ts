import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import { summarise, type Identity } from '../identity/identity.ts';
import { verifyCms } from '../cms/verifier.ts';
import { HelperHttpError } from '../http/errors.ts';
import { receiptSchema } from '../../../shared/helper-api/receipts.ts';
import { canonicalBytes } from './canonical-json.ts';
import { acknowledgeRequest } from './receipt.fixture.ts';
import { SigningPool, SigningThreadStopped } from './signing-pool.ts';

let pool: SigningPool;
let first: Identity;
let second: Identity;
beforeAll(async () => {
  pool = new SigningPool(2);
  [first, second] = await Promise.all([createDevelopmentIdentity(), createDevelopmentIdentity()]);
});
afterAll(() => pool.close());

const body = JSON.stringify(acknowledgeRequest());

describe('signing threads', () => {
  it('sign receipts whose CMS verifies over the canonical leaf, with the identity current when each was asked', async () => {
    const signed = await Promise.all([
      ...Array.from({ length: 20 }, () => pool.sign(body, first, summarise(first), undefined)),
      ...Array.from({ length: 20 }, () => pool.sign(body, second, summarise(second), undefined)),
    ]);
    expect(pool.workers).toHaveLength(2);
    signed.forEach((s, i) => {
      const identity = i < 20 ? first : second;
      const receipt = receiptSchema.parse(JSON.parse(s.leaf.toString('utf8')));
      expect(s.leaf.equals(canonicalBytes(receipt))).toBe(true);
      expect(receipt.receiptId).toBe(s.receiptId);
      expect(receipt.message.messageId).toBe(s.messageId);
      expect(receipt.signer.certificateSha256).toBe(summarise(identity).certificateSha256);
      expect(verifyCms(s.cms, s.leaf).signerCertificate.raw.equals(identity.chain[0]!)).toBe(true);
    });
    expect(new Set(signed.map((s) => s.receiptId)).size).toBe(40);
  });

  it('refuse a bad body with the 400 the HTTP route gives, naming the field', async () => {
    const bad = acknowledgeRequest();
    bad.documents[0]!.sha256 = 'not-a-hash';
    await expect(pool.sign(JSON.stringify(bad), first, summarise(first), undefined)).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      field: 'documents.0.sha256',
    });
    const notJson = pool.sign('{nope', first, summarise(first), undefined);
    await expect(notJson).rejects.toBeInstanceOf(HelperHttpError);
    await expect(notJson).rejects.toThrow(/not valid JSON/);
  });

  it('fail the jobs of a thread that dies with SigningThreadStopped, and carry on with a new thread', async () => {
    const jobs = Array.from({ length: 50 }, () =>
      pool.sign(body, first, summarise(first), undefined).then(
        () => 'signed',
        (e: Error) => (e instanceof SigningThreadStopped ? e.message : `unexpected ${e.name}: ${e.message}`),
      ),
    );
    const victim = pool.workers[0]!;
    await victim.terminate();
    const outcomes = await Promise.all(jobs);
    for (const o of outcomes) expect(o === 'signed' || /the signing thread stopped/.test(o), o).toBe(true);
    const after = await pool.sign(body, first, summarise(first), undefined);
    expect(verifyCms(after.cms, after.leaf).signerCertificate.raw.equals(first.chain[0]!)).toBe(true);
    expect(pool.workers).toHaveLength(2);
    expect(pool.workers).not.toContain(victim);
  });
});
