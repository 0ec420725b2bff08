// The verification report as a readable PDF: the verdict in words an auditor understands, what the evidence
// attests (event, times, parties, documents), who signed it and whether the trusted list qualifies them, then
// every check with its outcome. Standard Helvetica (no font files); characters it cannot encode become "?".
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { EvidenceReport, Indication } from '../../../shared/evidence/report.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.42, 0.42, 0.47);
const VERDICT: Record<Indication, { colour: RGB; words: string }> = {
  TOTAL_PASSED: { colour: rgb(0.13, 0.55, 0.27), words: 'The evidence is valid.' },
  TOTAL_FAILED: { colour: rgb(0.75, 0.15, 0.15), words: 'The evidence is NOT valid.' },
  INDETERMINATE: { colour: rgb(0.8, 0.5, 0.05), words: 'The evidence could not be confirmed.' },
};
const OUTCOME_COLOUR = { PASSED: VERDICT.TOTAL_PASSED.colour, FAILED: VERDICT.TOTAL_FAILED.colour, NOT_CHECKED: GREY };

class Writer {
  private page: PDFPage;
  private y: number;
  private readonly doc: PDFDocument;
  private readonly font: PDFFont;
  private readonly bold: PDFFont;

  constructor(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.bold = bold;
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Replaces what WinAnsi cannot encode, so a provider's exotic name never breaks the report. */
  private safe(text: string): string {
    return [...text]
      .map((ch) => {
        try {
          this.font.encodeText(ch);
          return ch;
        } catch {
          return '?';
        }
      })
      .join('');
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.safe(text).split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
      else {
        lines.push(line);
        line = word;
      }
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  text(text: string, options: { size?: number; bold?: boolean; colour?: RGB; indent?: number } = {}): void {
    const size = options.size ?? 9.5;
    const font = options.bold ? this.bold : this.font;
    const x = MARGIN + (options.indent ?? 0);
    for (const line of this.wrap(text, font, size, A4[0] - MARGIN - x)) {
      if (this.y < MARGIN + size) {
        this.page = this.doc.addPage(A4);
        this.y = A4[1] - MARGIN;
      }
      this.y -= size * 1.35;
      this.page.drawText(line, { x, y: this.y, size, font, color: options.colour ?? INK });
    }
  }

  field(label: string, value: string | undefined): void {
    if (value !== undefined && value !== '') this.text(`${label}: ${value}`, { indent: 10 });
  }

  gap(points = 8): void {
    this.y -= points;
  }
}

export async function evidenceReportPdf(report: EvidenceReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Evidence verification report ${report.evidence.identifier ?? report.evidenceSha256}`);
  doc.setProducer('e-Box Keeper');
  doc.setCreationDate(new Date(report.validationTime));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const verdict = VERDICT[report.indication];
  const party = (p: { name?: string; identifier?: string } | undefined) => p && [p.name, p.identifier && `(${p.identifier})`].filter(Boolean).join(' ');

  w.text('Qualified registered delivery evidence - verification report', { size: 15, bold: true });
  w.text('ETSI EN 319 522 evidence checked after ETSI EN 319 102-1', { colour: GREY });
  w.gap();
  w.text(verdict.words, { size: 13, bold: true, colour: verdict.colour });
  w.text(`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}`, { bold: true, colour: verdict.colour });
  for (const c of report.checks.filter((x) => x.outcome === 'FAILED')) w.text(`- ${c.detail}`, { indent: 10 });
  w.gap();

  w.text('What the evidence attests', { size: 11, bold: true });
  const e = report.evidence;
  w.field('Event', e.event ? `${e.event} (${e.eventUri})` : e.eventUri);
  w.field('Event time', e.eventTime);
  w.field('Submission time', e.submissionTime);
  w.field('Message', e.messageIdentifier);
  w.field('Sender', party(e.sender));
  w.field('Recipient', party(e.recipient));
  w.field('Issued by', party(e.issuer));
  w.field('Evidence identifier', e.identifier);
  w.field('Policy', e.policyId);
  for (const c of e.contents) {
    const state = c.matches === undefined ? 'not compared' : c.matches ? 'matches the archived document' : 'DOES NOT MATCH the archived document';
    w.text(`Document ${c.name}: ${state}; digest ${c.digest}`, { indent: 10 });
  }
  w.gap();

  w.text('Signature and provider', { size: 11, bold: true });
  const s = report.signature;
  w.field('Provider', report.provider.name ? `${report.provider.name} - ${report.provider.serviceName ?? ''}` : undefined);
  w.field('Qualified (trusted list, at the event time)', report.provider.qualified ? 'yes' : 'no');
  w.field('Service type', report.provider.serviceType);
  w.field('Signature', s.level ? `${s.level}, ${s.algorithm ?? ''}` : undefined);
  w.field('Signer', s.signer?.subject);
  w.field('Claimed signing time', s.claimedSigningTime);
  w.field('Timestamp', s.timestampTime);
  w.field('Certificate validity judged at', s.bestSignatureTime);
  const tl = report.trustedList;
  w.field(
    'Trusted list',
    `${tl.territory ?? '?'} issued ${tl.issued ?? '?'}, ${tl.signedBy ? `signed by ${tl.signedBy} (${tl.signerPinned ? 'pinned operator' : 'operator NOT pinned'})` : 'UNSIGNED'}`,
  );
  s.chain.forEach((c, i) => w.text(`${i === 0 ? 'Chain' : '     '}: ${c.subject} (valid ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)})`, { indent: 10 }));
  w.gap();

  w.text('Checks', { size: 11, bold: true });
  for (const c of report.checks) {
    w.text(`${c.outcome}${c.subIndication ? ` (${c.subIndication})` : ''}  ${c.id}`, { bold: true, colour: OUTCOME_COLOUR[c.outcome], indent: 10 });
    w.text(c.detail, { indent: 24 });
  }
  w.gap();
  w.text(`Validated at ${report.validationTime}. Evidence SHA-256 (base64url): ${report.evidenceSha256}`, { size: 8, colour: GREY });
  return doc.save();
}
