import { describe, expect, it } from 'vitest';
import { acknowledgeRequestSchema, receiptSchema } from '../../../shared/helper-api/receipts.ts';
import { buildReceipt } from './receipt.ts';
import { acknowledgeRequest, sha256b64url } from './receipt.fixture.ts';

const signer = {
  development: true,
  subject: 'CN=e-Box Keeper development identity - NOT LEGALLY VALID',
  issuer: 'CN=e-Box Keeper development identity - NOT LEGALLY VALID',
  serialNumber: '01',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2036-01-01T00:00:00.000Z',
  scheme: 'ecdsa-p256-sha256' as const,
  certificateSha256: 'ab'.repeat(32),
  chainLength: 1,
};

describe('buildReceipt', () => {
  it('matches the published receipt schema exactly, for every shape a valid request can take', () => {
    const base = acknowledgeRequest();
    const requests = [
      base,
      { ...base, language: 'nl' as const, documents: [] },
      { ...base, openedBy: { name: 'Jan' }, message: { ...base.message, subject: {}, expirationDate: undefined, registeredKind: undefined } },
      { ...base, documents: [{ attachmentId: 'a', fileName: 'f', mediaType: 'm', sha256: sha256b64url('x') }] },
      // Members the schema does not know are dropped by the request's parse, never signed.
      { ...base, extra: 'dropped', message: { ...base.message, injected: true } },
    ];
    for (const raw of requests) {
      const receipt = buildReceipt(acknowledgeRequestSchema.parse(JSON.parse(JSON.stringify(raw))), signer);
      expect(receiptSchema.parse(receipt)).toEqual(receipt);
      expect(JSON.stringify(receipt)).not.toMatch(/dropped|injected/);
    }
  });

  it('compares each document digest with the e-Box one', () => {
    const receipt = buildReceipt(acknowledgeRequest({ documents: [
      { attachmentId: 'a', fileName: 'a', mediaType: 'x', sha256: sha256b64url('a'), eboxDigest: sha256b64url('a') },
      { attachmentId: 'b', fileName: 'b', mediaType: 'x', sha256: sha256b64url('b'), eboxDigest: sha256b64url('c') },
      { attachmentId: 'c', fileName: 'c', mediaType: 'x', sha256: sha256b64url('c') },
    ] }), signer);
    expect(receipt.documents.map((d) => d.digestCheck)).toEqual(['match', 'mismatch', 'no-ebox-digest']);
  });
});
