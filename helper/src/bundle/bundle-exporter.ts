// Builds an evidence bundle: for each message its metadata, documents, receipts (canonical JSON, CMS, PDF,
// inclusion proof) and QERDS evidence with their reports, then the log checkpoint, the certificates a verifier
// needs offline, bundle.json and report.pdf, all in one signed ASiC-E container (asic-writer.ts). Messages are
// consumed one at a time and documents streamed, so memory depends on the number of messages (one report row
// each), not on their size.
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { BundleIndex, BundleMessage } from '../../../shared/bundle/bundle-index.ts';
import { BUNDLE_FORMAT, CERTIFICATES_DIR, CHECKPOINT_PATH, INDEX_PATH, messageDir, REPORT_PATH, safeSegment, TRUSTED_LIST_PATH, uniqueName } from '../../../shared/bundle/layout.ts';
import type { BundleCheck } from '../../../shared/bundle/verification.ts';
import type { Checkpoint, InclusionProof } from '../../../shared/helper-api/store.ts';
import { writeAsic, type AsicFile, type AsicProgress, type ManifestSigner } from './asic-writer.ts';
import { parseTrustedList } from '../evidence/trusted-list.ts';
import { readCertificates } from '../evidence/trusted-list-source.ts';
import { checkCheckpoint, checkEvidence, checkReceipt, MAX_EVIDENCE_CONTENT, type ProofContext } from './proof-checks.ts';
import { IndexSpool } from './index-spool.ts';
import { brusselsTime, companyText, openerText, type Language } from '../i18n/catalogue.ts';
import type { Enterprise } from '../../../shared/ebox/enterprise.ts';
import { buildReportPdf, type ReportMessage, type ReportStatus } from './report-pdf.ts';

export interface BundleDocumentInput {
  fileName: string;
  mediaType: string;
  size: number;
  /** SHA-256 of the bytes, base64url: what receipts name. */
  sha256: string;
  /** SHA-256 the e-Box published, base64url, when it did. */
  eboxDigest?: string;
  open: () => Readable;
}

export interface BundleReceiptInput {
  /** Canonical JSON of the receipt: the signed content and the Merkle leaf. */
  receipt: Uint8Array;
  signature: Uint8Array;
  pdf?: Uint8Array;
  proof: InclusionProof;
}

/** An evidence as the helper's EvidenceArchive keeps it. */
export interface BundleEvidenceInput {
  event: string;
  /** The evidence XML. */
  evidence: Uint8Array;
  /** The archived validation report (JSON) and its PDF. */
  report: Uint8Array;
  reportPdf?: Uint8Array;
  /** The store leaf committing to evidence and report, and its inclusion proof. */
  leaf: Uint8Array;
  proof: InclusionProof;
}

export interface BundleMessageInput {
  messageId: string;
  /** The company whose e-Box held the message; null when not known. */
  enterprise?: Enterprise | null;
  subject: string;
  sender: string;
  receiptDate: string;
  expirationDate?: string;
  registeredKind: 'simple' | 'registered' | 'qualified';
  /** The e-Box metadata, written as message.json: a value, or its JSON bytes already made. */
  metadata: unknown;
  documents: BundleDocumentInput[];
  receipts: BundleReceiptInput[];
  evidences: BundleEvidenceInput[];
}

/** A ManifestSigner that can also say who it is: its certificate chain goes into the bundle for offline checks. */
export interface BundleSigner extends ManifestSigner {
  /** DER certificates, the signer's first. */
  certificates: Uint8Array[];
  subject: string;
}

export interface BundleExportInput {
  company: { cbe?: string; name?: string };
  selection: string;
  /** The language of report.pdf (default English). */
  language?: Language;
  /** The checkpoint the receipts' inclusion proofs refer to; required when any message has a receipt. */
  checkpoint?: Checkpoint;
  /** Other certificates a verifier needs offline (TSA chains), DER, with a file name. */
  certificates?: { name: string; der: Uint8Array }[];
  /** The ETSI TS 119 612 trusted list evidences are judged against (bytes, included in the bundle). */
  trustedList?: Uint8Array;
  /** The certificates pinned for that list's signer (PEM): without them the list is not trusted. */
  trustedListSigners?: Uint8Array;
  messages: AsyncIterable<BundleMessageInput> | Iterable<BundleMessageInput>;
}

export interface ExportProgress extends AsicProgress {
  messages: number;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  now?: Date;
}

export interface ExportedBundle {
  path: string;
  files: number;
  bytes: number;
  messages: number;
  /** Messages bundled without any receipt or QERDS evidence. */
  withoutProof: number;
  /** Problems already visible at export (a receipt that does not verify...): the bundle still records them. */
  findings: BundleCheck[];
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

async function documentContents(documents: BundleDocumentInput[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const d of documents) {
    if (d.size > MAX_EVIDENCE_CONTENT) continue;
    const chunks: Buffer[] = [];
    for await (const c of d.open()) chunks.push(c as Buffer);
    out.push({ name: d.fileName, bytes: Buffer.concat(chunks) });
  }
  return out;
}

function worst(statuses: ReportStatus[]): ReportStatus {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('indeterminate')) return 'indeterminate';
  return 'passed';
}

export async function exportBundle(target: string, input: BundleExportInput, signer: BundleSigner, options: ExportOptions = {}): Promise<ExportedBundle> {
  const now = options.now ?? new Date();
  const head: Omit<BundleIndex, 'messages'> = {
    format: BUNDLE_FORMAT,
    createdAt: now.toISOString(),
    company: input.company,
    selection: input.selection,
  };
  const spool = new IndexSpool(dirname(target));
  const rows: ReportMessage[] = [];
  const language = input.language ?? 'en';
  const findings: BundleCheck[] = [];
  const ctx: ProofContext = {};
  const checkpointBytes = input.checkpoint ? json(input.checkpoint) : undefined;
  if (checkpointBytes) {
    const opened = checkCheckpoint(CHECKPOINT_PATH, checkpointBytes);
    findings.push(...opened.checks.filter((c) => c.status !== 'passed'));
    if (opened.checkpoint) ctx.checkpoint = opened.checkpoint;
  }
  if (input.trustedList) ctx.trustedList = parseTrustedList(input.trustedList, input.trustedListSigners ? readCertificates(input.trustedListSigners) : [], 'trusted-list-signer.pem');
  let messageCount = 0;
  let withoutProof = 0;

  const enterprises = new Map<string, Enterprise>();
  async function* files(): AsyncGenerator<AsicFile> {
    const dirs = new Set<string>();
    for await (const m of input.messages) {
      messageCount++;
      const dir = `${uniqueName(messageDir(m.messageId).slice(0, -1), dirs)}/`;
      if (m.enterprise) enterprises.set(m.enterprise.cbe, m.enterprise);
      const entry: BundleMessage = {
        messageId: m.messageId,
        ...(m.enterprise !== undefined ? { enterprise: m.enterprise } : {}),
        subject: m.subject,
        sender: m.sender,
        receiptDate: m.receiptDate,
        ...(m.expirationDate ? { expirationDate: m.expirationDate } : {}),
        registeredKind: m.registeredKind,
        metadata: `${dir}message.json`,
        documents: [],
        receipts: [],
        evidences: [],
      };
      yield { path: entry.metadata, mimeType: 'application/json', bytes: m.metadata instanceof Uint8Array ? m.metadata : json(m.metadata) };

      const statuses: ReportStatus[] = [];
      const messageFindings: string[] = [];
      // Every check counts toward the message's status (a warning as passed); anything short of passed is a finding.
      const tally = (checks: BundleCheck[]): ReportStatus[] => {
        const counted = checks.map((c) => (c.status === 'warning' ? 'passed' : c.status));
        statuses.push(...counted);
        for (const c of checks) {
          if (c.status !== 'passed') {
            findings.push(c);
            messageFindings.push(`${c.file}: ${c.message}`);
          }
        }
        return counted;
      };

      const names = new Set<string>();
      const shas = new Set<string>();
      for (const d of m.documents) {
        const path = `${dir}documents/${uniqueName(safeSegment(d.fileName), names)}`;
        entry.documents.push({
          path,
          fileName: d.fileName,
          mediaType: d.mediaType,
          ...(d.eboxDigest ? { eboxDigest: d.eboxDigest } : {}),
          sha256: d.sha256,
        });
        shas.add(d.sha256);
        // The bytes must be the ones archived: a store that hands back other bytes is a failure, named.
        const onWritten = (digest: Buffer) => {
          if (digest.toString('base64url') !== d.sha256) tally([{ file: path, check: 'document-digest', status: 'failed', message: 'the bytes differ from the SHA-256 recorded when the document was archived' }]);
        };
        yield { path, mimeType: d.mediaType, size: d.size, open: d.open, onWritten };
      }
      const acknowledgements: ReportMessage['acknowledgements'] = [];
      for (const [i, r] of m.receipts.entries()) {
        const base = `${dir}receipts/${i + 1}/`;
        const paths = { receipt: `${base}receipt.json`, signature: `${base}receipt.p7s`, proof: `${base}inclusion-proof.json`, ...(r.pdf ? { pdf: `${base}receipt.pdf` } : {}) };
        entry.receipts.push(paths);
        const proofBytes = json(r.proof);
        const checked = await checkReceipt(
          { receiptPath: paths.receipt, receipt: r.receipt, signaturePath: paths.signature, signature: r.signature, proofPath: paths.proof, proof: proofBytes },
          m.messageId,
          shas,
          ctx,
        );
        if (checked.receipt) acknowledgements.push({ by: openerText(checked.receipt, language), at: brusselsTime(checked.receipt.acknowledgedAt, language) });
        tally(checked.checks);
        yield { path: paths.receipt, mimeType: 'application/json', bytes: r.receipt };
        yield { path: paths.signature, mimeType: 'application/pkcs7-signature', bytes: r.signature };
        if (r.pdf && paths.pdf) yield { path: paths.pdf, mimeType: 'application/pdf', bytes: r.pdf };
        yield { path: paths.proof, mimeType: 'application/json', bytes: proofBytes };
      }

      const evidenceRows: ReportMessage['evidences'] = [];
      let contents: { name: string; bytes: Uint8Array }[] | undefined;
      for (const [i, e] of m.evidences.entries()) {
        const base = `${dir}evidence/${i + 1}/`;
        const paths = {
          path: `${base}evidence.xml`,
          event: e.event,
          report: `${base}report.json`,
          ...(e.reportPdf ? { reportPdf: `${base}report.pdf` } : {}),
          leaf: `${base}store-entry.json`,
          proof: `${base}inclusion-proof.json`,
        };
        entry.evidences.push(paths);
        const proofBytes = json(e.proof);
        // Judged with the documents exported above: the exporter reads small ones again (evidences cover letters).
        contents ??= await documentContents(m.documents);
        const checked = checkEvidence(
          { evidencePath: paths.path, evidence: e.evidence, reportPath: paths.report, report: e.report, leafPath: paths.leaf, leaf: e.leaf, proofPath: paths.proof, proof: proofBytes },
          m.messageId,
          contents,
          ctx,
        );
        evidenceRows.push({ event: e.event, status: worst(tally(checked.checks)) });
        yield { path: paths.path, mimeType: 'application/xml', bytes: e.evidence };
        yield { path: paths.report, mimeType: 'application/json', bytes: e.report };
        if (e.reportPdf && paths.reportPdf) yield { path: paths.reportPdf, mimeType: 'application/pdf', bytes: e.reportPdf };
        yield { path: paths.leaf, mimeType: 'application/json', bytes: e.leaf };
        yield { path: paths.proof, mimeType: 'application/json', bytes: proofBytes };
      }

      spool.add(entry);
      if (m.receipts.length === 0 && m.evidences.length === 0) withoutProof++;
      rows.push({
        messageId: m.messageId,
        company: companyText(m.enterprise, language),
        subject: m.subject,
        sender: m.sender,
        receiptDate: m.receiptDate,
        ...(m.expirationDate ? { expirationDate: m.expirationDate } : {}),
        registeredKind: m.registeredKind,
        acknowledgements,
        documents: entry.documents.map((d, i) => ({ fileName: d.fileName, sha256: m.documents[i]!.sha256 })),
        evidences: evidenceRows,
        status: worst(statuses),
        findings: messageFindings,
      });
    }

    if (input.trustedList) {
      head.trustedList = TRUSTED_LIST_PATH;
      yield { path: TRUSTED_LIST_PATH, mimeType: 'application/xml', bytes: input.trustedList };
    }
    if (checkpointBytes) {
      head.checkpoint = CHECKPOINT_PATH;
      yield { path: CHECKPOINT_PATH, mimeType: 'application/json', bytes: checkpointBytes };
    } else if (spool.withReceipts > 0) {
      throw new Error('the selection has receipts but no checkpoint was given to prove them against');
    }
    const certNames = new Set<string>();
    for (const [i, der] of signer.certificates.entries()) {
      const name = uniqueName(i === 0 ? 'signer.pem' : `signer-chain-${i}.pem`, certNames);
      yield { path: `${CERTIFICATES_DIR}${name}`, mimeType: 'application/x-pem-file', bytes: Buffer.from(pem(der)) };
    }
    for (const c of input.certificates ?? []) {
      yield { path: `${CERTIFICATES_DIR}${uniqueName(safeSegment(c.name), certNames)}`, mimeType: 'application/x-pem-file', bytes: Buffer.from(pem(c.der)) };
    }
    if (enterprises.size > 0) head.enterprises = [...enterprises.values()];
    yield { path: INDEX_PATH, mimeType: 'application/json', ...spool.file(head) };
    const report = await buildReportPdf({
      language,
      ...(input.company.name || input.company.cbe ? { company: [input.company.name, input.company.cbe].filter(Boolean).join(', ') } : {}),
      selection: input.selection,
      createdAt: brusselsTime(head.createdAt, language),
      signer: signer.subject,
      companies: [...enterprises.values()].map((e) => companyText(e, language)).concat(rows.some((r) => r.company === companyText(null, language)) ? [companyText(null, language)] : []),
      messages: rows,
    });
    yield { path: REPORT_PATH, mimeType: 'application/pdf', bytes: report };
  }

  let written;
  try {
    written = await writeAsic(target, files(), signer, {
      mtime: now,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: (p: AsicProgress) => options.onProgress!({ ...p, messages: messageCount }) } : {}),
    });
  } finally {
    spool.close();
  }
  return { ...written, messages: messageCount, withoutProof, findings };
}
