// The proof panel's model: one receipt per message, the receipt as shown, and the evidence chain in order with
// missing steps kept (and why), the latest evidence of a step winning, rejections counted as their step.
import { describe, expect, it } from 'vitest';
import type { ArchivedEvidence, EvidenceReport } from '../../../shared/evidence/index.ts';
import type { ReceiptRecord } from '../../../shared/helper-api/index.ts';
import { missingSteps, stepOf } from '../../../shared/ebox/qerds.ts';
import { evidenceChain, firstReceipt, receiptView } from './proof-status.ts';

const HASH = 'A'.repeat(43) + '=';

function receipt(leafIndex: number, documents: { fileName: string; digestCheck: 'match' | 'mismatch' | 'no-ebox-digest' }[] = []): ReceiptRecord {
  const receiptId = `00000000-0000-4000-8000-00000000000${leafIndex}`;
  return {
    receiptId,
    receipt: {
      type: 'ebox-keeper/acknowledgement-of-receipt',
      version: 1,
      receiptId,
      message: { messageId: 'm1', subject: { fr: 'Sujet' }, senderOrganizationId: '0206731645', receiptDate: '2026-11-20T08:00:00Z', registeredMail: true },
      documents: documents.map((d, i) => ({ attachmentId: `a${i}`, fileName: d.fileName, mediaType: 'application/pdf', sha256: 'B'.repeat(43), digestCheck: d.digestCheck })),
      openedAt: '2026-11-23T08:00:00Z',
      openedBy: { name: 'Anne Dupont' },
      acknowledgedAt: '2026-11-23T08:00:01Z',
      language: 'fr',
      helper: { name: 'ebox-keeper', version: '0.1.0' },
      signer: { subject: 'CN=dev', certificateSha256: 'x', development: true },
    },
    timestamped: false,
    inclusion: { leafIndex, treeSize: leafIndex + 1, leafHash: HASH, path: [] },
    checkpoint: { note: '', origin: 'ebox-keeper.local/abc', treeSize: leafIndex + 1, rootHash: HASH, verifierKey: 'k', timestamped: false },
    signer: { development: true, subject: 'CN=dev', issuer: 'CN=dev', serialNumber: '01', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', scheme: 'ecdsa-p256-sha256', certificateSha256: '0'.repeat(64), chainLength: 1 },
    downloads: { json: '', p7s: '', pdf: '', p7m: '', zip: '' },
  };
}

function evidence(leafIndex: number, event: string, indication: EvidenceReport['indication'], subIndication?: EvidenceReport['subIndication']): ArchivedEvidence {
  return {
    leafIndex,
    messageId: 'm1',
    archivedAt: '2026-11-23T08:00:00Z',
    evidenceSha256: '0'.repeat(64),
    reportSha256: '0'.repeat(64),
    contentHashes: [],
    report: {
      indication,
      ...(subIndication ? { subIndication } : {}),
      checks: [],
      evidence: { event, eventTime: '2026-11-23T07:00:00Z', issuer: { name: 'Sandbox QERDS' }, contents: [] },
      signature: { chain: [] },
      provider: { qualified: indication === 'TOTAL_PASSED' },
      trustedList: { signerPinned: true },
      validationTime: '2026-11-23T08:00:00Z',
      evidenceSha256: 'x',
    },
  };
}

describe('one receipt per message', () => {
  it('the first receipt in the log is the one shown', () => {
    expect(firstReceipt([receipt(7), receipt(2), receipt(5)])?.inclusion.leafIndex).toBe(2);
    expect(firstReceipt([])).toBeUndefined();
  });

  it('shows who, when, the development signer and documents that differ from the e-Box digest', () => {
    const view = receiptView(receipt(4, [{ fileName: 'a.pdf', digestCheck: 'match' }, { fileName: 'b.pdf', digestCheck: 'mismatch' }]), 'verified');
    expect(view).toMatchObject({ openedBy: 'Anne Dupont', acknowledgedAt: '2026-11-23T08:00:01Z', development: true, timestamped: false, leafIndex: 4, treeSize: 5, inclusion: 'verified', documents: 2, mismatches: ['b.pdf'] });
    expect(view.checkpoint).toEqual({ origin: 'ebox-keeper.local/abc', treeSize: 5, root: HASH.slice(0, 12) });
  });
});

describe('evidence chain', () => {
  it('lists submission, consignment, handover in order, missing ones as missing with the reason of the last fetch', () => {
    const chain = evidenceChain([evidence(9, 'handover', 'TOTAL_PASSED')], [{ event: 'submission', reason: 'no-trusted-list', detail: 'no trusted list' }]);
    expect(chain.map((s) => s.event)).toEqual(['submission', 'consignment', 'handover']);
    expect(chain[0]).toEqual({ event: 'submission', problem: { event: 'submission', reason: 'no-trusted-list', detail: 'no trusted list' } });
    expect(chain[1]).toEqual({ event: 'consignment' });
    expect(chain[2]!.evidence).toMatchObject({ leafIndex: 9, indication: 'TOTAL_PASSED', qualified: true, provider: 'Sandbox QERDS', eventTime: '2026-11-23T07:00:00Z' });
  });

  it('takes the latest evidence of a step, and counts a rejection or failure as its step', () => {
    const chain = evidenceChain([evidence(1, 'consignment', 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND'), evidence(6, 'consignment', 'TOTAL_PASSED'), evidence(2, 'submission-rejected', 'TOTAL_FAILED', 'HASH_FAILURE')]);
    expect(chain[1]!.evidence).toMatchObject({ leafIndex: 6, indication: 'TOTAL_PASSED' });
    expect(chain[0]!.evidence).toMatchObject({ leafIndex: 2, indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', qualified: false });
    expect(stepOf('handover-failed')).toBe('handover');
    expect(stepOf('consignment-notified')).toBe('consignment');
    expect(stepOf('http://uri.etsi.org/other')).toBeUndefined();
    expect(missingSteps([evidence(6, 'consignment', 'TOTAL_PASSED')])).toEqual(['submission', 'handover']);
  });
});
