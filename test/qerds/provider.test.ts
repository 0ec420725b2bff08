import { describe, expect, it } from 'vitest';
import { verifyEvidence } from '../../helper/src/evidence/verify-evidence.ts';
import { pinnedSandboxList } from './pinned-list.ts';
import { qerdsPki } from './pki.ts';
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
    const trustedList = pinnedSandboxList(new TextEncoder().encode(evidences.trustedList), await qerdsPki());
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
      // The seal's status comes from the CRL the evidence carries (XAdES B-LT), not from a network.
      expect([report.signature.level, report.signature.revocation?.map((r) => [r.kind, r.source, r.status])]).toEqual(['XAdES-B-LT', [['CRL', 'embedded', 'good']]]);
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
