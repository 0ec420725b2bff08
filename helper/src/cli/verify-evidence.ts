// `ebox-keeper verify-evidence FILE [--content FILE ...] [--json]`: verifies one ETSI EN 319 522 evidence against
// the trusted list (trusted only when a pinned certificate signed it) and prints the EN 319 102-1 report. Revocation
// data the evidence lacks is fetched from its certificates' CRL distribution points when reachable (--offline: never).
// Exit 0 passed, 1 failed, 2 indeterminate, 4 when the trusted list cannot be read at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { EvidenceReport } from '../../../shared/evidence/report.ts';
import { evidenceReportPdf } from '../evidence/report-pdf.ts';
import { loadTrustedList, trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { TrustedListError } from '../evidence/trusted-list.ts';
import { verifyEvidenceFetchingRevocation } from '../evidence/revocation-fetch.ts';
import { verifyEvidence } from '../evidence/verify-evidence.ts';
import { COMMON_USAGE, dataDirFrom, parseCommandArgs, UsageError, type CliCommand } from './command.ts';

const EXIT = { TOTAL_PASSED: 0, TOTAL_FAILED: 1, INDETERMINATE: 2 } as const;
const EXIT_NO_TRUSTED_LIST = 4;

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

function printReport(report: EvidenceReport): void {
  const e = report.evidence;
  const party = (p: { name?: string; identifier?: string } | undefined) => (p ? `${p.name ?? ''} ${p.identifier ? `(${p.identifier})` : ''}`.trim() : '-');
  console.log(`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}`);
  console.log(`  event      ${e.event ?? e.eventUri ?? '-'} at ${e.eventTime ?? '-'} (submitted ${e.submissionTime ?? '-'})`);
  console.log(`  message    ${e.messageIdentifier ?? '-'}`);
  console.log(`  sender     ${party(e.sender)}`);
  console.log(`  recipient  ${party(e.recipient)}`);
  console.log(`  provider   ${report.provider.name ?? '-'}: ${report.provider.qualified ? 'qualified' : 'NOT qualified'} at the event time`);
  const tl = report.trustedList;
  console.log(`  list       ${tl.territory ?? '?'} issued ${tl.issued ?? '?'}, ${tl.problem ? `NOT TRUSTED: ${tl.problem}` : `signed by the pinned ${tl.signedBy}${tl.pinnedBy ? ` (pinned by ${tl.pinnedBy})` : ''}`}`);
  console.log(`  signature  ${report.signature.level ?? '-'} by ${report.signature.signer?.subject ?? '-'}, timestamp ${report.signature.timestampTime ?? 'none'}`);
  for (const r of report.signature.revocation ?? []) {
    console.log(`  revocation ${r.certificate}: ${r.status} (${r.kind} ${r.source}${r.url ? ` from ${r.url}` : ''}, issued ${r.issuedAt})`);
  }
  for (const c of e.contents) {
    console.log(`  document   ${c.name}: ${c.matches === undefined ? 'not compared' : c.matches ? 'matches' : 'DOES NOT MATCH'}`);
  }
  for (const c of report.checks) {
    console.log(`  ${c.outcome.padEnd(11)} ${c.id}${c.subIndication ? ` (${c.subIndication})` : ''}: ${c.detail}`);
  }
}

export const verifyEvidenceCommand: CliCommand = {
  usage: `ebox-keeper verify-evidence FILE [--content FILE ...] [--json] [--pdf OUT] [options]

  --content FILE       an archived document the evidence's digests must match (repeatable)
  --json               print the report as JSON
  --pdf OUT            also write the report as a PDF page
  --trusted-list FILE  ETSI TS 119 612 trusted list (default: env EBOX_KEEPER_TRUSTED_LIST, else DATA_DIR/trusted-list.xml)
  --trusted-list-signer FILE  the pinned certificates (PEM, one or more; or one DER) of the operator that must have
                       signed the list (default: env EBOX_KEEPER_TRUSTED_LIST_SIGNER, else DATA_DIR/trusted-list-signer.pem);
                       without one the list is not trusted and the verdict is INDETERMINATE
  --at TIME            validation time, ISO 8601 (default: now)
  --message-id ID      the message the evidence must be about
  --recipient ID       the recipient identifier (e.g. CBE number) the evidence must name
  --allow-b-b          accept an evidence without signature timestamp (XAdES B-B)
  --offline            use only the revocation data inside the evidence (fetch no CRL)
Exit status: 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage error, 4 trusted list unreadable.
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      content: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      pdf: { type: 'string' },
      'trusted-list': { type: 'string' },
      'trusted-list-signer': { type: 'string' },
      at: { type: 'string' },
      'message-id': { type: 'string' },
      recipient: { type: 'string' },
      'allow-b-b': { type: 'boolean' },
      offline: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one evidence FILE');
    const validationTime = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(validationTime.getTime())) throw new UsageError(`--at is not a time: ${values.at}`);
    const dataDir = dataDirFrom(values['data-dir']);
    const listPath = values['trusted-list'] ?? trustedListPath(dataDir);
    const signerPath = values['trusted-list-signer'] ?? trustedListSignerPath(dataDir);
    // A signer named on the command line must exist (the default one is optional).
    if (values['trusted-list-signer'] !== undefined) readInput(signerPath, 'trusted-list signer');
    let trustedList;
    try {
      trustedList = loadTrustedList(listPath, signerPath);
    } catch (error) {
      if (!(error instanceof TrustedListError)) throw error;
      console.error(`trusted list ${listPath} refused: ${error.message}`);
      return EXIT_NO_TRUSTED_LIST;
    }
    if (trustedList === undefined) throw new UsageError(`no trusted list at ${listPath} (use --trusted-list FILE)`);
    const input = {
      evidence: readInput(positionals[0]!, 'evidence'),
      trustedList,
      contents: (values.content ?? []).map((path) => ({ name: basename(path), bytes: readInput(path, 'content') })),
      validationTime,
      expected: { messageIdentifier: values['message-id'], recipientIdentifier: values.recipient },
      requireTimestamp: !values['allow-b-b'],
    };
    const report = values.offline ? verifyEvidence(input) : (await verifyEvidenceFetchingRevocation(input)).report;
    if (values.pdf) writeFileSync(values.pdf, await evidenceReportPdf(report));
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    return EXIT[report.indication];
  },
};
