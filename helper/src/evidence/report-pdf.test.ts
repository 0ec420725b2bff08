// The PDF report read back by an independent tool (poppler's pdftotext), as an auditor's viewer would show it.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../shared/evidence/report.ts';
import { evidenceLibrary, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { evidenceReportPdf } from './report-pdf.ts';
import { verifyEvidence } from './verify-evidence.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';

let library: EvidenceLibrary;
beforeAll(async () => {
  library = await evidenceLibrary();
}, 120_000);

async function pdfText(name: string): Promise<string> {
  const c = [...library.good, ...library.bad].find((x) => x.name === name)!;
  const report = verifyEvidence({ evidence: c.evidence, trustedList: pinnedSandboxList(library.trustedList, library.pki), contents: c.contents, expected: c.expected, validationTime: VALIDATION_TIME });
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: await evidenceReportPdf(report) }).toString('utf8');
}

describe('evidenceReportPdf', () => {
  it('states the verdict, the event, the parties, the provider and every check', async () => {
    const text = await pdfText('handover B-T');
    expect(text).toContain('The evidence is valid.');
    expect(text).toContain('Event: handover (http://uri.etsi.org/19522/Event/ContentHandover)');
    expect(text).toContain('Sender: Office national de sécurité sociale (0206731645)');
    expect(text).toContain('Qualified (trusted list, at the event time): yes');
    expect(text).toContain('Document mise-en-demeure.pdf: matches the archived document');
    expect(text.match(/^\s*PASSED\s+[A-Z_]+$/gm)?.length).toBe(CHECK_IDS.length);
  });

  it('says plainly why a failed evidence failed', async () => {
    const text = await pdfText('archived content altered');
    expect(text).toContain('The evidence is NOT valid.');
    expect(text).toContain('TOTAL_FAILED / HASH_FAILURE');
    expect(text).toContain('DOES NOT MATCH the archived document');
  });
});
