// Keeps verified evidences in the proof store, linked to their message: evidence bytes, JSON report and the fetched
// revocation data (CRLs) the verdict used as blobs, the PDF report as an artifact, and a canonical-JSON leaf committing to the hashes (the provider's own signature
// is inside the evidence, so the leaf is not signed again). The index by message is built by one scan of the
// store on first use, then kept up to date by archive().
import { createHash } from 'node:crypto';
import {
  EVIDENCE_ENTRY_TYPE,
  EVIDENCE_ENTRY_VERSION,
  type ArchivedEvidence,
} from '../../../shared/evidence/archive.ts';
import { evidenceReportSchema, type EvidenceReport } from '../../../shared/evidence/report.ts';
import { canonicalBytes } from '../receipts/canonical-json.ts';
import type { ProofStore } from '../store/proof-store.ts';
import { evidenceReportPdf } from './report-pdf.ts';
import type { EvidenceContent } from './verify-evidence.ts';

interface EvidenceLeaf {
  type: typeof EVIDENCE_ENTRY_TYPE;
  version: number;
  messageId: string;
  archivedAt: string;
  evidenceSha256: string;
  reportSha256: string;
  contentHashes: { name: string; sha256: string }[];
  /** SHA-256 (hex) of the fetched revocation data (CRL) blobs the verdict used; embedded data is in the evidence. */
  revocationSha256?: string[];
  indication: string;
  subIndication?: string;
  event?: string;
  eventTime?: string;
  evidenceIdentifier?: string;
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function readLeaf(leaf: Buffer): EvidenceLeaf | undefined {
  try {
    const parsed = JSON.parse(leaf.toString('utf8')) as EvidenceLeaf;
    return parsed.type === EVIDENCE_ENTRY_TYPE && typeof parsed.messageId === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export class EvidenceArchive {
  private readonly store: ProofStore;
  private readonly byMessage = new Map<string, number[]>();
  private scanned = 0;
  /** Scans run one after another, so no entry is indexed twice. */
  private scanning: Promise<unknown> = Promise.resolve();

  constructor(store: ProofStore) {
    this.store = store;
  }

  /** Brings the message index up to the store's current size (entries others appended included). */
  private index(): Promise<Map<string, number[]>> {
    const run = this.scanning.then(async () => {
      for (; this.scanned < this.store.size; this.scanned++) {
        const leaf = readLeaf((await this.store.entry(this.scanned)).leaf);
        if (leaf !== undefined) this.byMessage.set(leaf.messageId, [...(this.byMessage.get(leaf.messageId) ?? []), this.scanned]);
      }
      return this.byMessage;
    });
    this.scanning = run.catch(() => undefined);
    return run;
  }

  /** The leaf indexes of a message's evidences, oldest first. */
  async leafIndexesOf(messageId: string): Promise<number[]> {
    return (await this.index()).get(messageId) ?? [];
  }

  async archive(
    messageId: string,
    evidence: Uint8Array,
    contents: readonly EvidenceContent[],
    report: EvidenceReport,
    now = new Date(),
    fetchedRevocation: readonly Uint8Array[] = [],
  ): Promise<ArchivedEvidence> {
    const reportJson = Buffer.from(JSON.stringify(report), 'utf8');
    const { sha256: evidenceSha256 } = await this.store.blobs.put(evidence);
    const { sha256: reportSha256 } = await this.store.blobs.put(reportJson);
    const revocationSha256: string[] = [];
    for (const bytes of fetchedRevocation) revocationSha256.push((await this.store.blobs.put(bytes)).sha256);
    const leaf: EvidenceLeaf = {
      type: EVIDENCE_ENTRY_TYPE,
      version: EVIDENCE_ENTRY_VERSION,
      messageId,
      archivedAt: now.toISOString(),
      evidenceSha256,
      reportSha256,
      contentHashes: contents.map((c) => ({ name: c.name, sha256: sha256Hex(c.bytes) })),
      ...(revocationSha256.length > 0 ? { revocationSha256 } : {}),
      indication: report.indication,
      subIndication: report.subIndication,
      event: report.evidence.event ?? report.evidence.eventUri,
      eventTime: report.evidence.eventTime,
      evidenceIdentifier: report.evidence.identifier,
    };
    const { leafIndex } = await this.store.append({ leaf: canonicalBytes(leaf), signature: Buffer.alloc(0) });
    await this.store.putArtifact(leafIndex, 'pdf', await evidenceReportPdf(report));
    await this.index();
    return { leafIndex, messageId, archivedAt: leaf.archivedAt, evidenceSha256, reportSha256, contentHashes: leaf.contentHashes, report };
  }

  async get(leafIndex: number): Promise<ArchivedEvidence | undefined> {
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= this.store.size) return undefined;
    const leaf = readLeaf((await this.store.entry(leafIndex)).leaf);
    if (leaf === undefined) return undefined;
    const report = evidenceReportSchema.parse(JSON.parse((await this.store.blobs.get(leaf.reportSha256)).toString('utf8')));
    return {
      leafIndex,
      messageId: leaf.messageId,
      archivedAt: leaf.archivedAt,
      evidenceSha256: leaf.evidenceSha256,
      reportSha256: leaf.reportSha256,
      contentHashes: leaf.contentHashes,
      report,
    };
  }

  async listForMessage(messageId: string): Promise<ArchivedEvidence[]> {
    const indexes = (await this.index()).get(messageId) ?? [];
    return (await Promise.all(indexes.map((i) => this.get(i)))).filter((e): e is ArchivedEvidence => e !== undefined);
  }

  async evidenceBytes(leafIndex: number): Promise<Buffer | undefined> {
    const archived = await this.get(leafIndex);
    return archived && this.store.blobs.get(archived.evidenceSha256);
  }

  async reportPdf(leafIndex: number): Promise<Buffer | undefined> {
    const sha = this.store.artifact(leafIndex, 'pdf');
    if (sha === undefined || (await this.get(leafIndex)) === undefined) return undefined;
    return this.store.blobs.get(sha);
  }
}

const archives = new WeakMap<ProofStore, EvidenceArchive>();

/** One archive per open store, so its index is built once. */
export function evidenceArchiveOf(store: ProofStore): EvidenceArchive {
  let archive = archives.get(store);
  if (archive === undefined) {
    archive = new EvidenceArchive(store);
    archives.set(store, archive);
  }
  return archive;
}
