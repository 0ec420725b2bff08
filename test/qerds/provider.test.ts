import { describe, expect, it } from 'vitest';
import { parseTrustedList } from '../../helper/src/evidence/trusted-list.ts';
import { verifyEvidence } from '../../helper/src/evidence/verify-evidence.ts';
import { qerdsEvidencesFor, type QerdsMessage } from './provider.ts';

const message: QerdsMessage = {
  messageId: 'sandbox-qrm-1',
  sender: { name: 'SPF Finances', identifier: '0308357159' },
  recipient: { name: 'Brasserie Exemple SRL', identifier: '0123456789' },
  submittedAt: new Date('2026-11-20T08:30:00Z'),
  documents: [{ name: 'avis.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7 avis') }],
};

describe('the sandbox QERDS provider', () => {
  it('issues submission, consignment and handover evidences that verify against its trusted list', async () => {
    const evidences = await qerdsEvidencesFor(message);
    const trustedList = parseTrustedList(new TextEncoder().encode(evidences.trustedList));
    const events = [];
    for (const xml of [evidences.submission, evidences.consignment, evidences.handover]) {
      const report = verifyEvidence({
        evidence: new TextEncoder().encode(xml),
        trustedList,
        contents: [{ name: 'avis.pdf', bytes: message.documents[0]!.bytes }],
        expected: { messageIdentifier: message.messageId, recipientIdentifier: message.recipient.identifier },
        validationTime: new Date('2026-11-23T12:00:00Z'),
      });
      expect(report.checks.filter((c) => c.outcome === 'FAILED')).toEqual([]);
      events.push([report.evidence.event, report.evidence.eventTime]);
    }
    expect(events).toEqual([
      ['submission', '2026-11-20T08:30:01.000Z'],
      ['consignment', '2026-11-20T08:31:00.000Z'],
      ['handover', '2026-11-20T10:30:00.000Z'],
    ]);
  });

  it('serves the same evidences again for the same message', async () => {
    const first = await qerdsEvidencesFor(message);
    expect(await qerdsEvidencesFor({ ...message })).toBe(first);
    expect((await qerdsEvidencesFor({ ...message, messageId: 'sandbox-qrm-2' })).handover).not.toBe(first.handover);
  });
});
