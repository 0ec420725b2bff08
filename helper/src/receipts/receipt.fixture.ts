// Test support: an acknowledgement request as the extension sends it for a registered message.
import { createHash } from 'node:crypto';
import type { AcknowledgeRequest } from '../../../shared/helper-api/receipts.ts';

export const sha256b64url = (s: string | Buffer) => createHash('sha256').update(s).digest('base64url');

export function acknowledgeRequest(overrides: Partial<AcknowledgeRequest> = {}): AcknowledgeRequest {
  return {
    message: {
      messageId: 'msg-2026-0042',
      subject: { fr: 'Mise en demeure – cotisations du 3e trimestre', nl: 'Ingebrekestelling – bijdragen 3e kwartaal' },
      senderOrganizationId: '0206731645',
      senderOrganizationName: 'ONSS',
      senderApplicationId: 'dmfa',
      messageTypeId: 'registered-notice',
      receiptDate: '2026-11-20T08:00:00+01:00',
      expirationDate: '2027-11-20T08:00:00+01:00',
      registeredMail: true,
      registeredKind: 'registered',
      recipientEnterpriseId: '0123456789',
    },
    documents: [
      { attachmentId: 'att-1', fileName: 'mise-en-demeure.pdf', mediaType: 'application/pdf', sizeBytes: 5, sha256: sha256b64url('hello'), eboxDigest: sha256b64url('hello') },
      { attachmentId: 'att-2', fileName: 'annexe.csv', mediaType: 'text/csv', sha256: sha256b64url('a;b'), eboxDigest: sha256b64url('other') },
    ],
    openedAt: '2026-11-23T10:15:00+01:00',
    openedBy: { name: 'Anne Dupont', email: 'anne.dupont@example.be' },
    language: 'fr',
    ...overrides,
  };
}
