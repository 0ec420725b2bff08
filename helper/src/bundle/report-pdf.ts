// report.pdf: what an auditor reads first. A cover with the bundle's facts, summary charts drawn with pdf-lib
// primitives (messages per month, kinds of registered mail, top senders, verification statuses), a contents
// table, then one block per message: sender, subject, dates, kind, who acknowledged it when, documents, QERDS
// evidence and the verification status with the reason of every failed check. Standard Helvetica only (no font
// files to ship); characters it cannot encode are replaced, never dropped silently.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

export type ReportStatus = 'passed' | 'failed' | 'indeterminate';

export interface ReportMessage {
  messageId: string;
  /** The company whose e-Box held the message, in words ("Name (0403.170.701)" or "company unknown"). */
  company: string;
  subject: string;
  sender: string;
  receiptDate: string;
  expirationDate?: string;
  registeredKind: 'simple' | 'registered' | 'qualified';
  acknowledgements: { by: string; at: string }[];
  documents: { fileName: string; sha256: string }[];
  evidences: { event: string; status: ReportStatus }[];
  status: ReportStatus;
  /** The messages of the failed or indeterminate checks, each naming its file. */
  findings: string[];
}

export interface ReportInput {
  title: string;
  company: string;
  /** Every company the bundle's messages belong to, named on the first page. */
  companies: string[];
  selection: string;
  createdAt: string;
  signer?: string;
  messages: ReportMessage[];
}

const A4: [number, number] = [595.28, 841.89];
/** Above this many messages, detail blocks are written only for messages with a finding. */
export const DETAIL_LIMIT = 2000;
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.45, 0.45, 0.5);
const RULE = rgb(0.8, 0.8, 0.84);
const STATUS_COLOUR: Record<ReportStatus, RGB> = {
  passed: rgb(0.13, 0.55, 0.27),
  failed: rgb(0.78, 0.16, 0.16),
  indeterminate: rgb(0.85, 0.55, 0.1),
};
const KIND_LABEL = { simple: 'Simple', registered: 'Registered', qualified: 'Qualified (QERDS)' } as const;
const KIND_COLOUR = { simple: rgb(0.55, 0.6, 0.7), registered: rgb(0.2, 0.4, 0.75), qualified: rgb(0.45, 0.2, 0.65) } as const;

/**
 * A cursor writing top to bottom over as many pages as needed. Each page's content is kept as PDF operator text
 * and written as one compressed stream when the page is done: pdf-lib's drawing API keeps an object per operator
 * until save(), several hundred megabytes for a 10,000-message report; this keeps memory flat.
 */
class Writer {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  readonly bold: PDFFont;
  private readonly charset: Set<number>;
  private page: PDFPage | undefined;
  private ops: string[] = [];
  private keys = new Map<PDFFont, string>();
  y = 0;

  constructor(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.bold = bold;
    this.charset = new Set(font.getCharacterSet());
    this.newPage();
  }

  newPage() {
    this.flush();
    this.page = this.doc.addPage(A4);
    this.keys = new Map([this.font, this.bold].map((f) => [f, this.page!.node.newFontDictionary(f.name, f.ref).toString()]));
    this.y = A4[1] - MARGIN;
  }

  /** Writes the current page's operators as its content stream. */
  flush() {
    if (!this.page || this.ops.length === 0) return;
    // Left uncompressed: text operators are small, and per-page deflate (pako, or zlib's native state) cost the
    // exporter far more memory than the few megabytes it would save in a 10,000-message report.
    const stream = this.doc.context.stream(Buffer.from(this.ops.join('\n'), 'latin1'));
    this.page.node.addContentStream(this.doc.context.register(stream));
    this.ops = [];
  }

  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }

  private colour(c: RGB, stroke = false): string {
    return `${c.red.toFixed(3)} ${c.green.toFixed(3)} ${c.blue.toFixed(3)} ${stroke ? 'RG' : 'rg'}`;
  }

  drawText(text: string, x: number, y: number, size: number, font: PDFFont, colour: RGB) {
    this.ops.push(`BT ${this.colour(colour)} ${this.keys.get(font)} ${size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${font.encodeText(text).toString()} Tj ET`);
  }

  drawRectangle(x: number, y: number, width: number, height: number, colour: RGB) {
    this.ops.push(`${this.colour(colour)} ${x.toFixed(2)} ${y.toFixed(2)} ${width.toFixed(2)} ${height.toFixed(2)} re f`);
  }

  drawLine(x1: number, y1: number, x2: number, y2: number, thickness: number, colour: RGB) {
    this.ops.push(`${this.colour(colour, true)} ${thickness} w ${x1.toFixed(2)} ${y1.toFixed(2)} m ${x2.toFixed(2)} ${y2.toFixed(2)} l S`);
  }

  /** Replaces what WinAnsi Helvetica cannot draw, after trying the unaccented form. */
  clean(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (this.charset.has(cp)) out += ch;
      else if (ch === '\n' || ch === '\t') out += ' ';
      else {
        const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
        out += base.length > 0 && [...base].every((c) => this.charset.has(c.codePointAt(0)!)) ? base : '?';
      }
    }
    return out;
  }

  fit(text: string, width: number, size: number, font = this.font): string {
    let t = this.clean(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > width) t = t.slice(0, -1);
    return `${t}...`;
  }

  wrap(text: string, width: number, size: number, font = this.font): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.clean(text).split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines.map((l) => this.fit(l, width, size, font));
  }

  text(text: string, options: { x?: number; size?: number; bold?: boolean; colour?: RGB; width?: number } = {}) {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.font;
    const x = options.x ?? MARGIN;
    for (const line of this.wrap(text, options.width ?? A4[0] - MARGIN - x, size, font)) {
      this.ensure(size * 1.4);
      this.drawText(line, x, this.y - size, size, font, options.colour ?? INK);
      this.y -= size * 1.4;
    }
  }

  rule() {
    this.ensure(8);
    this.drawLine(MARGIN, this.y - 3, A4[0] - MARGIN, this.y - 3, 0.5, RULE);
    this.y -= 8;
  }
}

function count<T extends string>(items: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

/** A horizontal bar chart: one labelled bar per entry, scaled to the largest. */
function barChart(w: Writer, title: string, entries: { label: string; value: number; colour: RGB }[]) {
  const barHeight = 12;
  w.ensure(30 + entries.length * (barHeight + 4));
  w.text(title, { bold: true, size: 11 });
  const max = Math.max(1, ...entries.map((e) => e.value));
  const labelWidth = 150;
  const chartWidth = A4[0] - 2 * MARGIN - labelWidth - 40;
  for (const e of entries) {
    const y = w.y - barHeight;
    w.drawText(w.fit(e.label, labelWidth - 6, 8), MARGIN, y + 3, 8, w.font, INK);
    const width = Math.max(1, (e.value / max) * chartWidth);
    w.drawRectangle(MARGIN + labelWidth, y, width, barHeight - 2, e.colour);
    w.drawText(String(e.value), MARGIN + labelWidth + width + 4, y + 3, 8, w.font, GREY);
    w.y -= barHeight + 4;
  }
  w.y -= 10;
}

/** Messages per month as vertical columns with a baseline and month labels. */
function monthChart(w: Writer, messages: ReportMessage[]) {
  const months = [...count(messages.map((m) => m.receiptDate.slice(0, 7))).entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-24);
  if (months.length === 0) return;
  const height = 110;
  w.ensure(height + 50);
  w.text('Messages per month of receipt', { bold: true, size: 11 });
  const max = Math.max(...months.map(([, n]) => n));
  const width = A4[0] - 2 * MARGIN;
  const slot = Math.min(48, width / months.length);
  const base = w.y - height;
  w.drawLine(MARGIN, base, MARGIN + width, base, 0.7, GREY);
  months.forEach(([month, n], i) => {
    const h = (n / max) * (height - 16);
    const x = MARGIN + i * slot + slot * 0.15;
    w.drawRectangle(x, base, slot * 0.7, h, rgb(0.2, 0.4, 0.75));
    w.drawText(String(n), x, base + h + 2, 7, w.font, GREY);
    w.drawText(month.slice(2), x, base - 10, 6, w.font, GREY);
  });
  w.y = base - 24;
}

const hasProof = (m: ReportMessage) => m.acknowledgements.length > 0 || m.evidences.length > 0;

function messageBlock(w: Writer, index: number, m: ReportMessage) {
  w.ensure(80);
  w.rule();
  w.text(`${index}. ${m.subject || '(no subject)'}`, { bold: true, size: 10.5 });
  // "Verified" only for a message that has a proof: documents alone matching their digests prove no receipt.
  const badge = m.status === 'failed' ? 'FAILED' : m.status === 'indeterminate' ? 'INDETERMINATE' : hasProof(m) ? 'VERIFIED' : 'NO PROOF (documents and metadata only)';
  w.text(`Verification: ${badge}`, { size: 9, bold: true, colour: STATUS_COLOUR[m.status] });
  const line = (label: string, value: string) => w.text(`${label}: ${value}`, { size: 8.5, x: MARGIN + 10 });
  line('Company', m.company);
  line('Sender', m.sender);
  line('Received', m.receiptDate + (m.expirationDate ? `   expires ${m.expirationDate}` : ''));
  line('Kind of registered mail', KIND_LABEL[m.registeredKind]);
  line('Message id', m.messageId);
  line('Acknowledged', m.acknowledgements.length === 0 ? 'not acknowledged' : m.acknowledgements.map((a) => `${a.by} at ${a.at}`).join('; '));
  if (m.acknowledgements.length === 0 && m.evidences.length === 0) line('Proofs', 'no receipt, no QERDS evidence: the bundle holds its metadata and documents only');
  for (const d of m.documents) line('Document', `${d.fileName}  (SHA-256 ${d.sha256.slice(0, 16)}...)`);
  for (const e of m.evidences) line('QERDS evidence', `${e.event}: ${e.status}`);
  for (const f of m.findings) w.text(f, { size: 8, x: MARGIN + 10, colour: STATUS_COLOUR.failed });
}

export async function buildReportPdf(input: ReportInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(input.title);
  doc.setCreator('e-Box Keeper');
  doc.setProducer('e-Box Keeper (pdf-lib)');
  doc.setCreationDate(new Date(input.createdAt));
  doc.setModificationDate(new Date(input.createdAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const { messages } = input;

  w.text(input.title, { size: 20, bold: true });
  w.y -= 6;
  w.text(`Company: ${input.company}`, { size: 11 });
  w.text(`${input.companies.length === 1 ? 'Company of the messages' : `Companies of the messages (${input.companies.length})`}: ${input.companies.join('; ') || '(none)'}`, { size: 11 });
  w.text(`Selection: ${input.selection}`, { size: 11 });
  w.text(`Created: ${input.createdAt}`, { size: 11 });
  if (input.signer) w.text(`Signed by: ${input.signer}`, { size: 11 });
  const statuses = count(messages.map((m) => m.status));
  w.text(
    `${messages.length} messages, ${messages.reduce((n, m) => n + m.documents.length, 0)} documents, ` +
      `${messages.reduce((n, m) => n + m.acknowledgements.length, 0)} acknowledgements, ${messages.reduce((n, m) => n + m.evidences.length, 0)} QERDS evidences`,
    { size: 11 },
  );
  const unproven = messages.filter((m) => m.acknowledgements.length === 0 && m.evidences.length === 0).length;
  if (unproven > 0) w.text(`${unproven} of them without receipt or QERDS evidence (metadata and documents only)`, { size: 11 });
  w.text('How to check this bundle yourself: ebox-keeper verify-bundle <file> --trust <company certificate>, or any ASiC-E (ETSI EN 319 162-1) verifier; see docs/bundle-format.md.', { size: 9, colour: GREY });
  w.y -= 12;

  barChart(w, 'Verification status', [
    { label: 'verified', value: messages.filter((m) => m.status === 'passed' && hasProof(m)).length, colour: STATUS_COLOUR.passed },
    { label: 'no proof', value: messages.filter((m) => m.status === 'passed' && !hasProof(m)).length, colour: GREY },
    { label: 'failed', value: statuses.get('failed') ?? 0, colour: STATUS_COLOUR.failed },
    { label: 'indeterminate', value: statuses.get('indeterminate') ?? 0, colour: STATUS_COLOUR.indeterminate },
  ]);
  const kinds = count(messages.map((m) => m.registeredKind));
  barChart(w, 'Kind of registered mail', (['simple', 'registered', 'qualified'] as const).map((k) => ({ label: KIND_LABEL[k], value: kinds.get(k) ?? 0, colour: KIND_COLOUR[k] })));
  const senders = [...count(messages.map((m) => m.sender)).entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  barChart(w, 'Top senders', senders.map(([label, value]) => ({ label, value, colour: rgb(0.3, 0.5, 0.55) })));
  monthChart(w, messages);

  // The register: every message on two lines, with what an auditor looks for first.
  w.newPage();
  w.text('Contents', { size: 14, bold: true });
  w.text('#, received, sender, kind, verification / subject, acknowledged by and when', { size: 8, colour: GREY });
  messages.forEach((m, i) => {
    w.ensure(22);
    const y = w.y - 8.5;
    w.drawText(w.fit(`${i + 1}. ${m.receiptDate.slice(0, 10)}  ${m.sender}`, 260, 8), MARGIN, y, 8, w.font, INK);
    w.drawText(KIND_LABEL[m.registeredKind], MARGIN + 270, y, 8, w.font, KIND_COLOUR[m.registeredKind]);
    w.drawText(m.status, MARGIN + 440, y, 8, w.bold, STATUS_COLOUR[m.status]);
    const ack = m.acknowledgements.length === 0 ? 'not acknowledged' : m.acknowledgements.map((a) => `${a.by} ${a.at}`).join('; ');
    w.drawText(w.fit(m.subject || '(no subject)', 250, 8), MARGIN + 12, y - 10, 8, w.font, GREY);
    w.drawText(w.fit(ack, 230, 8), MARGIN + 265, y - 10, 8, w.font, GREY);
    w.y -= 22;
  });

  // Details: every message in ordinary bundles; in very large ones the register above already carries each
  // message's facts, so the details are kept for the messages with a finding (a 2,000-page PDF helps nobody).
  const detailed = messages.length <= DETAIL_LIMIT ? messages.map((m, i) => [m, i] as const) : messages.map((m, i) => [m, i] as const).filter(([m]) => m.status !== 'passed');
  if (detailed.length > 0) {
    w.newPage();
    w.text('Messages', { size: 14, bold: true });
    if (messages.length > DETAIL_LIMIT) w.text(`${messages.length} messages: details of the ${detailed.length} with a finding; the others' facts are in the contents and in each message.json.`, { size: 8, colour: GREY });
    for (const [m, i] of detailed) messageBlock(w, i + 1, m);
  }
  w.flush();
  return doc.save({ useObjectStreams: false });
}
