import { describe, expect, it } from 'vitest';
import { normaliseMessage, normaliseMessagePage, RegistryDataError } from './normalise.ts';

const v21 = {
  messageId: 'm1',
  subject: { fr: 'Avis', nl: 'Bericht', de: 'Mitteilung' },
  receiptDate: '2026-11-01T10:00:00+01:00',
  expirationDate: '2027-05-01T10:00:00+02:00',
  readStatus: true,
  visible: true,
  registeredMail: true,
  messageTypeId: 't1',
  senderOrganizationId: '0206731645',
  bodyMainContent: false,
  replyAuthorized: true,
  attachments: {
    items: [{ attachmentId: 'a1', fileName: 'x.pdf', mainContent: true, mediaType: 'application/pdf', size: 12, digest: { digestValue: 'ab+/c=', digestMethod: 'sha_256' }, attachmentSigned: true }],
    totalItems: 1,
  },
};

describe('normaliseMessage', () => {
  it('reads the v2.1 names', () => {
    const m = normaliseMessage(v21);
    expect(m).toMatchObject({ registeredMail: true, read: true, replyAuthorized: true, contractVersion: 'v2.1', senderOrganizationId: '0206731645' });
    // The e-Box's digest in the model's one spelling (shared/digest.ts), whatever base64 the registry used.
    expect(m.documents[0]).toMatchObject({ mainContent: true, signed: true, eboxDigest: 'ab-_c', sizeKb: 12 });
  });

  it("reads v3's is-prefixed booleans and sender object into the same model", () => {
    const { registeredMail, senderOrganizationId, replyAuthorized, bodyMainContent, attachments, ...rest } = v21;
    const v3 = {
      ...rest,
      isRegisteredMail: registeredMail,
      isReplyAuthorized: replyAuthorized,
      isBodyMainContent: bodyMainContent,
      sender: { eboxType: 'ENTERPRISE', enterpriseNumber: senderOrganizationId },
      forTheAttentionOf: { ssin: '85073003328', label: 'J. Peeters' },
      attachments: { items: attachments.items.map(({ mainContent, attachmentSigned, ...a }) => ({ ...a, isMainContent: mainContent, isAttachmentSigned: attachmentSigned })) },
    };
    const a = normaliseMessage(v21);
    const b = normaliseMessage(v3);
    expect(b.contractVersion).toBe('v3');
    expect({ ...b, contractVersion: 'v2.1', forTheAttentionOf: undefined }).toEqual({ ...a, forTheAttentionOf: undefined });
    expect(b.forTheAttentionOf).toEqual({ id: '85073003328', name: 'J. Peeters', type: undefined });
  });

  it('names the field that is wrong', () => {
    expect(() => normaliseMessage({ ...v21, subject: 'x' })).toThrow(/subject/);
    expect(() => normaliseMessage({ ...v21, senderOrganizationId: '123' })).toThrow(/senderOrganizationId/);
    expect(() => normaliseMessage({ ...v21, receiptDate: 'yesterday' })).toThrow(/receiptDate/);
  });

  it('keeps the good items of a partly malformed page and reports the bad one', () => {
    const r = normaliseMessagePage({ items: [v21, { messageId: 'broken' }], totalItems: 2 });
    expect(r.messages.map((m) => m.messageId)).toEqual(['m1']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(RegistryDataError);
    expect(() => normaliseMessagePage({ items: null })).toThrow(RegistryDataError);
  });
});
