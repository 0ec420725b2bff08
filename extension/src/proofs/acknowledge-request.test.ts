// The acknowledgement sent to the helper, from archive records: valid for the helper's own schema, newest document
// versions in the message's order, e-Box digests normalised, dates given an offset, long texts cut to the limits.
import { describe, expect, it } from 'vitest';
import { acknowledgeRequestSchema } from '../../../shared/helper-api/index.ts';
import type { DocumentRecord, MessageRecord } from '../archive/records.ts';
import { digestOf, message, pdfBytes } from '../archive/test-messages.ts';
import { acknowledgeRequest, latestDocuments } from './acknowledge-request.ts';
import type { Opening } from './proofs-api.ts';

const a = pdfBytes('main');
const b = pdfBytes('annex');

function record(over: Record<string, unknown> = {}): MessageRecord {
  const m = message('m1', { registeredMail: true, ...over }, [{ id: 'a', bytes: a }, { id: 'b', bytes: b }]);
  return {
    messageId: 'm1', enterprise: 'unknown', message: m, names: { sender: { fr: 'ONSS', nl: 'RSZ' } }, labels: [], tags: [], note: '',
    firstSeenAt: '', lastSeenAt: '', senderOrganizationId: m.senderOrganizationId, messageTypeId: m.messageTypeId, receiptDate: m.receiptDate, expirationDate: m.expirationDate,
  };
}

const doc = (attachmentId: string, version: number, bytes: Uint8Array, expected?: string): DocumentRecord => ({
  id: `m1/${attachmentId}/${version}`, messageId: 'm1', attachmentId, version, fileName: `${attachmentId}.pdf`, mediaType: 'application/pdf', bytes: bytes.length,
  sha256: digestOf(bytes), ...(expected ? { expectedSha256: expected } : {}), digestOk: true, blob: new Blob([bytes as BlobPart]), storedAt: '',
});

const opening: Opening = { messageId: 'm1', kind: 'registered', openedAt: '2026-11-23T09:15:00.000Z', opener: { kind: 'person', name: 'Anne Dupont' }, enterprise: { cbe: '0403170701', name: 'Acme' }, language: 'nl' };

describe('acknowledgement request', () => {
  it('takes the newest version of each document, in the order of the message', () => {
    const newer = pdfBytes('main, second version');
    const docs = [doc('b', 1, b), doc('a', 1, a), doc('a', 2, newer)];
    expect(latestDocuments(record(), docs).map((d) => `${d.attachmentId}@${d.version}`)).toEqual(['a@2', 'b@1']);
  });

  it('is accepted by the helper schema, with the digests, the opener and the PDF language', () => {
    const padded = digestOf(a).replace(/-/g, '+').replace(/_/g, '/') + '=';
    const req = acknowledgeRequest(record(), [doc('a', 1, a, padded), doc('b', 1, b)], opening);
    expect(acknowledgeRequestSchema.safeParse(req).success).toBe(true);
    expect(req.documents).toEqual([
      { attachmentId: 'a', fileName: 'a.pdf', mediaType: 'application/pdf', sizeBytes: a.length, sha256: digestOf(a), eboxDigest: digestOf(a) },
      { attachmentId: 'b', fileName: 'b.pdf', mediaType: 'application/pdf', sizeBytes: b.length, sha256: digestOf(b) },
    ]);
    expect(req.message).toMatchObject({ messageId: 'm1', senderOrganizationId: '0206731645', senderOrganizationName: 'RSZ', registeredMail: true, registeredKind: 'registered' });
    expect(req).toMatchObject({ openedAt: opening.openedAt, openedBy: { name: 'Anne Dupont' }, enterprise: { cbe: '0403170701' }, language: 'nl' });
    expect(req.message.recipientEnterpriseId).toBe('0403170701');
    expect(req.lateReason).toBeUndefined();
  });

  it('with nobody known, names nobody, for the company, in the receipt\'s language; a late one says when and why', () => {
    const late = { acknowledgedAt: '2026-11-23T11:00:00.000Z', reason: 'helper-not-paired' as const };
    const req = acknowledgeRequest(record(), [doc('a', 1, a)], { ...opening, opener: { kind: 'unknown-for-company' }, late });
    expect(acknowledgeRequestSchema.safeParse(req).success).toBe(true);
    expect(req.openedBy).toEqual({ unknownPerson: true });
    expect(req).toMatchObject({ enterprise: { cbe: '0403170701', name: 'Acme' }, openedAt: '2026-11-23T09:15:00.000Z', lateReason: 'helper-unreachable' });
  });

  it('marks a QERDS notification qualified, gives offset-less dates an offset and cuts long texts', () => {
    const long = 'é'.repeat(450);
    const req = acknowledgeRequest(record({ messageTypeId: 'QERDS_NOTIFICATION', registeredMail: false, receiptDate: '2026-11-20T08:00:00', subject: { fr: long } }), [], { ...opening, kind: 'qualified' });
    expect(acknowledgeRequestSchema.safeParse(req).success).toBe(true);
    expect(req.message).toMatchObject({ registeredMail: true, registeredKind: 'qualified' });
    expect(req.message.receiptDate).toMatch(/Z$|[+-]\d\d:\d\d$/);
    expect(req.message.subject.fr).toHaveLength(400);
  });
});
