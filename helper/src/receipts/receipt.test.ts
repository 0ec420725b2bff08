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

  it('states the delay and its reason when acknowledged more than a minute after the first opening, not before', () => {
    const openedAt = '2026-11-23T10:15:00+01:00';
    const at = (ms: number) => new Date(Date.parse(openedAt) + ms);
    const onTime = buildReceipt(acknowledgeRequest({ openedAt, openedVia: 'page' }), signer, at(59_000));
    expect(onTime.late).toBeUndefined();
    expect(onTime.openedAt).toBe(openedAt);
    const late = buildReceipt(acknowledgeRequest({ openedAt, openedVia: 'job', lateReason: 'helper-unreachable' }), signer, at(3_600_000));
    expect(late).toMatchObject({ openedAt, openedVia: 'job', acknowledgedAt: at(3_600_000).toISOString(), late: { seconds: 3600, reason: 'helper-unreachable' } });
    // The extension did not say why: the receipt says that it did not.
    expect(buildReceipt(acknowledgeRequest({ openedAt }), signer, at(120_000)).late).toEqual({ seconds: 120, reason: 'not-stated' });
  });

  it('names the enterprise on every receipt, and an unknown person of it when no person is known', () => {
    const unknown = buildReceipt(acknowledgeRequestSchema.parse(acknowledgeRequest({ openedBy: { unknownPerson: true }, enterprise: { cbe: '0403170701', name: 'Brasserie Exemple SRL' } })), signer);
    expect(unknown.openedBy).toEqual({ unknownPerson: true });
    expect(unknown.enterprise).toEqual({ cbe: '0403170701', name: 'Brasserie Exemple SRL' });
    // No enterprise in the request: the recipient the message names, else recorded as not known.
    expect(buildReceipt(acknowledgeRequest(), signer).enterprise).toEqual({ cbe: '0123456789' });
    const base = acknowledgeRequest();
    expect(buildReceipt(acknowledgeRequest({ message: { ...base.message, recipientEnterpriseId: undefined } }), signer).enterprise).toBeNull();
    // A person and the unknown-person marker together is not a valid opener.
    expect(acknowledgeRequestSchema.safeParse({ ...base, openedBy: { name: 'Anne', unknownPerson: true } }).success).toBe(false);
  });

  it('still reads version 1 receipts already in stores and bundles', () => {
    const v1 = { ...buildReceipt(acknowledgeRequest(), signer), version: 1 as const, openedBy: { name: 'Anne Dupont' } };
    delete (v1 as Partial<typeof v1>).enterprise;
    expect(receiptSchema.parse(JSON.parse(JSON.stringify(v1)))).toEqual(v1);
  });
});
