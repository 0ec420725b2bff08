import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, evidenceReportSchema, type EvidenceReport } from '../../../shared/evidence/report.ts';
import { evidenceLibrary, MESSAGE_ID, RECIPIENT, VALIDATION_TIME, type EvidenceCase, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { parseCertificate } from './certificate.ts';
import { parseTrustedList, type TrustedList } from './trusted-list.ts';
import { verifyEvidence } from './verify-evidence.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';

let library: EvidenceLibrary;
let trustedList: TrustedList;

beforeAll(async () => {
  library = await evidenceLibrary();
  trustedList = pinnedSandboxList(library.trustedList, library.pki);
}, 120_000);

function run(c: EvidenceCase, validationTime = VALIDATION_TIME): EvidenceReport {
  return verifyEvidence({
    evidence: c.evidence,
    trustedList,
    contents: c.contents,
    expected: c.expected,
    validationTime,
    requireTimestamp: c.requireTimestamp,
  });
}

const failedChecks = (r: EvidenceReport) => r.checks.filter((c) => c.outcome === 'FAILED').map((c) => `${c.id}: ${c.detail}`);

describe('verifyEvidence on the sandbox evidence library', () => {
  it('passes every good evidence, with a report that fits the shared schema', () => {
    for (const c of library.good) {
      const report = run(c);
      expect({ name: c.name, indication: report.indication, failed: failedChecks(report) }).toEqual({
        name: c.name, indication: 'TOTAL_PASSED', failed: [],
      });
      expect(evidenceReportSchema.parse(report)).toEqual(report);
      expect(report.checks.map((x) => x.id)).toEqual([...CHECK_IDS]);
    }
  });

  it('gives every bad evidence its indication and sub-indication', () => {
    const results = library.bad.map((c) => {
      const report = run(c);
      evidenceReportSchema.parse(report);
      return { name: c.name, indication: report.indication, subIndication: report.subIndication };
    });
    expect(results).toEqual(library.bad.map((c) => ({ name: c.name, indication: c.indication, subIndication: c.subIndication })));
  });

  it('reports the event, parties, times, chain and qualification of a good handover evidence', () => {
    const report = run(library.good[0]!);
    expect(report.evidence).toMatchObject({
      event: 'handover',
      eventUri: 'http://uri.etsi.org/19522/Event/ContentHandover',
      eventTime: '2026-11-18T10:15:00.000Z',
      submissionTime: '2026-11-16T09:00:00.000Z',
      messageIdentifier: MESSAGE_ID,
      recipient: RECIPIENT,
    });
    expect(report.evidence.contents.map((c) => c.matches)).toEqual([true, true]);
    expect(report.signature.level).toBe('XAdES-B-LT');
    // The seal's status came from the CRL inside the evidence, issued after the timestamp.
    expect(report.signature.revocation).toEqual([
      expect.objectContaining({ certificate: 'CN=Sandbox QERDS Evidence Seal, O=Sandbox QERDS, C=BE', status: 'good', source: 'embedded', kind: 'CRL', issuedAt: '2026-11-18T10:15:03.000Z' }),
    ]);
    expect(report.signature.timestampTime).toBe('2026-11-18T10:15:02.000Z');
    expect(report.signature.bestSignatureTime).toBe(report.signature.timestampTime);
    expect(report.signature.chain.map((c) => c.subject)).toEqual([
      'CN=Sandbox QERDS Evidence Seal, O=Sandbox QERDS, C=BE',
      'CN=Sandbox QERDS Evidence CA, O=Sandbox QERDS, C=BE',
    ]);
    expect(report.provider).toEqual({
      name: 'Sandbox QERDS',
      serviceName: 'Sandbox QERDS registered delivery',
      serviceType: 'http://uri.etsi.org/TrstSvc/Svctype/EDS/REM/Q',
      qualified: true,
    });
  });

  it('marks a non-qualified provider as such even though its signature is sound', () => {
    const report = run(library.bad.find((c) => c.name === 'provider not qualified in the trusted list')!);
    expect(report.provider.qualified).toBe(false);
    expect(report.provider.serviceType).toBe('http://uri.etsi.org/TrstSvc/Svctype/EDS/REM');
    expect(report.checks.find((c) => c.id === 'SIGNATURE_VALUE')!.outcome).toBe('PASSED');
  });

  it('judges a B-B evidence at the validation time: passes while the certificate lives, OUT_OF_BOUNDS_NO_POE after', () => {
    const bb = library.good.find((c) => c.name.includes('B-B'))!;
    expect(run(bb).indication).toBe('TOTAL_PASSED');
    const later = run(bb, new Date('2028-06-01T00:00:00Z'));
    expect([later.indication, later.subIndication]).toEqual(['INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE']);
    // The same evidence with its timestamp keeps its proof of existence after the certificate expired.
    const timestamped = run(library.good[0]!, new Date('2028-06-01T00:00:00Z'));
    expect(timestamped.indication).toBe('TOTAL_PASSED');
    expect(timestamped.checks.find((c) => c.id === 'TRUST_ANCHOR_QUALIFIED')!.detail).toContain('due for renewal on 2027-05-01');
  });

  it('never passes on a trusted list that no pinned key signed: unsigned, or signed by a key of its own', () => {
    const xml = new TextDecoder().decode(library.trustedList);
    const unsigned = new TextEncoder().encode(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''));
    const lists = {
      'unsigned list': parseTrustedList(unsigned, [parseCertificate(new Uint8Array(library.pki.listOperator.cert.rawData))]),
      'list signed by an unpinned key': parseTrustedList(library.trustedList),
      'list signed by another key than the pinned one': parseTrustedList(library.trustedList, [parseCertificate(new Uint8Array(library.pki.root.cert.rawData))]),
    };
    for (const [name, list] of Object.entries(lists)) {
      const report = verifyEvidence({ evidence: library.good[0]!.evidence, trustedList: list, contents: library.good[0]!.contents, validationTime: VALIDATION_TIME });
      expect({ name, indication: report.indication, subIndication: report.subIndication }).toEqual({ name, indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
      expect(report.provider.qualified).toBe(false);
      expect(report.trustedList.problem).toBeDefined();
      expect(report.checks.find((c) => c.id === 'TRUSTED_LIST')!.detail).toContain('not trusted');
    }
  });

  it('passes a seal revoked after its timestamp, refuses one revoked before it signed, and wants a status', () => {
    const after = run(library.good.find((c) => c.name === 'seal revoked after the timestamp proved the signature')!);
    expect(after.signature.revocation?.[0]).toMatchObject({ status: 'revoked', revokedAt: '2026-11-18T10:15:02.000Z' });
    const before = run(library.bad.find((c) => c.name === 'seal revoked before it signed')!);
    expect(before.checks.find((c) => c.id === 'REVOCATION')!.detail).toContain('before its own claimed signing time');
    const none = run(library.bad.find((c) => c.name === 'chain without revocation data')!);
    expect(none.checks.find((c) => c.id === 'REVOCATION')!.detail).toContain('no revocation status for CN=Sandbox QERDS Evidence Seal');
  });

  it('refuses a timestamp from after the validation time', () => {
    const early = run(library.good[0]!, new Date('2026-11-18T09:00:00Z'));
    expect([early.indication, early.subIndication]).toEqual(['INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE']);
    expect(early.checks.find((c) => c.id === 'SIGNATURE_TIMESTAMP')!.detail).toContain('after the validation time');
  });

  it('says which archived document does not match', () => {
    const report = run(library.bad.find((c) => c.name === 'archived content altered')!);
    expect(report.evidence.contents.map((c) => c.matches)).toEqual([false, undefined]);
    expect(report.checks.find((c) => c.id === 'CONTENT_DIGESTS')!.detail).toContain('mise-en-demeure.pdf');
  });

  it('stops at the first unreadable layer and lists the rest as not checked', () => {
    const report = run(library.bad.find((c) => c.name === 'external entity (XXE)')!);
    expect(report.checks[0]).toMatchObject({ id: 'XML_WELL_FORMED', outcome: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.checks.slice(1).every((c) => c.outcome === 'NOT_CHECKED')).toBe(true);
  });

  it('lists the certificate checks after a missing chain as not reached, and still checks the content', () => {
    const report = run(library.bad.find((c) => c.name === 'unknown CA')!);
    const outcome = Object.fromEntries(report.checks.map((c) => [c.id, c.outcome]));
    expect(outcome).toMatchObject({ CERTIFICATE_CHAIN: 'FAILED', KEY_USAGE: 'NOT_CHECKED', CONTENT_DIGESTS: 'PASSED', SIGNATURE_VALUE: 'PASSED' });
    expect(report.checks.find((c) => c.id === 'KEY_USAGE')!.detail).toBe('not reached: no certification path to the trusted list');
  });

  it('refuses a signature that signs its own properties but not the evidence', () => {
    const report = run(library.bad.find((c) => c.name === 'signature not covering the evidence')!);
    expect(report.checks.find((c) => c.id === 'SIGNATURE_STRUCTURE')!.detail).toBe('no reference covers the evidence itself');
  });

  it('refuses an entity expansion bomb without expanding it', () => {
    const bomb = library.bad.find((c) => c.name === 'entity expansion bomb')!;
    const start = performance.now();
    expect(run(bomb).subIndication).toBe('FORMAT_FAILURE');
    expect(performance.now() - start).toBeLessThan(50);
  });
});
