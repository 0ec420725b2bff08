// report.pdf: what an auditor reads first. A cover with the bundle's facts, summary charts drawn with pdf-lib
// primitives (messages per month, kinds of registered mail, top senders, verification statuses), a contents
// table, then one block per message: sender, subject, dates, kind, who acknowledged it when, documents, QERDS
// evidence and the verification status with the reason of every failed check. Standard Helvetica only (no font
// files to ship); characters it cannot encode are replaced, never dropped silently.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { Language } from '../../../shared/ebox/model.ts';
import { reportWords, type ReportWords } from '../i18n/bundle-report.ts';

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
  /** The language of every word the report writes (helper/src/i18n/bundle-report.ts). */
  language: Language;
  /** The company the bundle was made for, in words; absent when not given. */
  company?: string;
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
function monthChart(w: Writer, L: ReportWords, messages: ReportMessage[]) {
  const months = [...count(messages.map((m) => m.receiptDate.slice(0, 7))).entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-24);
  if (months.length === 0) return;
  const height = 110;
  w.ensure(height + 50);
  w.text(L.perMonth, { bold: true, size: 11 });
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

function messageBlock(w: Writer, L: ReportWords, index: number, m: ReportMessage) {
  w.ensure(80);
  w.rule();
  w.text(`${index}. ${m.subject || L.noSubject}`, { bold: true, size: 10.5 });
  // "Verified" only for a message that has a proof: documents alone matching their digests prove no receipt.
  const badge = m.status === 'failed' ? L.badge.failed : m.status === 'indeterminate' ? L.badge.indeterminate : hasProof(m) ? L.badge.verified : L.badge.noProof;
  w.text(`${L.verification}: ${badge}`, { size: 9, bold: true, colour: STATUS_COLOUR[m.status] });
  const line = (label: string, value: string) => w.text(`${label}: ${value}`, { size: 8.5, x: MARGIN + 10 });
  line(L.company, m.company);
  line(L.sender, m.sender);
  line(L.received, m.receiptDate + (m.expirationDate ? `   ${L.expires} ${m.expirationDate}` : ''));
  line(L.kindOfMail, L.kind[m.registeredKind]);
  line(L.messageId, m.messageId);
  line(L.acknowledged, m.acknowledgements.length === 0 ? L.notAcknowledged : m.acknowledgements.map((a) => `${a.by} ${L.at} ${a.at}`).join('; '));
  if (m.acknowledgements.length === 0 && m.evidences.length === 0) line(L.proofs, L.onlyMetadata);
  for (const d of m.documents) line(L.document, `${d.fileName}  (SHA-256 ${d.sha256.slice(0, 16)}...)`);
  for (const e of m.evidences) line(L.qerdsEvidence, `${e.event}: ${L.status[e.status]}`);
  for (const f of m.findings) w.text(f, { size: 8, x: MARGIN + 10, colour: STATUS_COLOUR.failed });
}

export async function buildReportPdf(input: ReportInput): Promise<Uint8Array> {
  const L = reportWords(input.language);
  const doc = await PDFDocument.create();
  doc.setTitle(L.title);
  doc.setLanguage(input.language);
  doc.setCreator('e-Box Keeper');
  doc.setProducer('e-Box Keeper (pdf-lib)');
  doc.setCreationDate(new Date(input.createdAt));
  doc.setModificationDate(new Date(input.createdAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const { messages } = input;

  w.text(L.title, { size: 20, bold: true });
  w.y -= 6;
  w.text(`${L.company}: ${input.company ?? L.notGiven}`, { size: 11 });
  w.text(`${L.companiesOf(input.companies.length)}: ${input.companies.join('; ') || L.none}`, { size: 11 });
  w.text(`${L.selection}: ${input.selection}`, { size: 11 });
  w.text(`${L.created}: ${input.createdAt}`, { size: 11 });
  if (input.signer) w.text(`${L.signedBy}: ${input.signer}`, { size: 11 });
  const statuses = count(messages.map((m) => m.status));
  w.text(
    L.summary(
      messages.length,
      messages.reduce((n, m) => n + m.documents.length, 0),
      messages.reduce((n, m) => n + m.acknowledgements.length, 0),
      messages.reduce((n, m) => n + m.evidences.length, 0),
    ),
    { size: 11 },
  );
  const unproven = messages.filter((m) => m.acknowledgements.length === 0 && m.evidences.length === 0).length;
  if (unproven > 0) w.text(L.unproven(unproven), { size: 11 });
  w.text(L.howToCheck, { size: 9, colour: GREY });
  w.y -= 12;

  barChart(w, L.verificationStatus, [
    { label: L.verified, value: messages.filter((m) => m.status === 'passed' && hasProof(m)).length, colour: STATUS_COLOUR.passed },
    { label: L.noProof, value: messages.filter((m) => m.status === 'passed' && !hasProof(m)).length, colour: GREY },
    { label: L.status.failed, value: statuses.get('failed') ?? 0, colour: STATUS_COLOUR.failed },
    { label: L.status.indeterminate, value: statuses.get('indeterminate') ?? 0, colour: STATUS_COLOUR.indeterminate },
  ]);
  const kinds = count(messages.map((m) => m.registeredKind));
  barChart(w, L.kindOfMail, (['simple', 'registered', 'qualified'] as const).map((k) => ({ label: L.kind[k], value: kinds.get(k) ?? 0, colour: KIND_COLOUR[k] })));
  const senders = [...count(messages.map((m) => m.sender)).entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  barChart(w, L.topSenders, senders.map(([label, value]) => ({ label, value, colour: rgb(0.3, 0.5, 0.55) })));
  monthChart(w, L, messages);

  // The register: every message on two lines, with what an auditor looks for first.
  w.newPage();
  w.text(L.contents, { size: 14, bold: true });
  w.text(L.contentsLegend, { size: 8, colour: GREY });
  messages.forEach((m, i) => {
    w.ensure(22);
    const y = w.y - 8.5;
    w.drawText(w.fit(`${i + 1}. ${m.receiptDate.slice(0, 10)}  ${m.sender}`, 260, 8), MARGIN, y, 8, w.font, INK);
    w.drawText(w.fit(L.kind[m.registeredKind], 165, 8), MARGIN + 270, y, 8, w.font, KIND_COLOUR[m.registeredKind]);
    w.drawText(L.status[m.status], MARGIN + 440, y, 8, w.bold, STATUS_COLOUR[m.status]);
    const ack = m.acknowledgements.length === 0 ? L.notAcknowledged : m.acknowledgements.map((a) => `${a.by} ${a.at}`).join('; ');
    w.drawText(w.fit(m.subject || L.noSubject, 250, 8), MARGIN + 12, y - 10, 8, w.font, GREY);
    w.drawText(w.fit(ack, 230, 8), MARGIN + 265, y - 10, 8, w.font, GREY);
    w.y -= 22;
  });

  // Details: every message in ordinary bundles; in very large ones the register above already carries each
  // message's facts, so the details are kept for the messages with a finding (a 2,000-page PDF helps nobody).
  const detailed = messages.length <= DETAIL_LIMIT ? messages.map((m, i) => [m, i] as const) : messages.map((m, i) => [m, i] as const).filter(([m]) => m.status !== 'passed');
  if (detailed.length > 0) {
    w.newPage();
    w.text(L.messages, { size: 14, bold: true });
    if (messages.length > DETAIL_LIMIT) w.text(L.detailsOfLarge(messages.length, detailed.length), { size: 8, colour: GREY });
    for (const [m, i] of detailed) messageBlock(w, L, i + 1, m);
  }
  w.flush();
  return doc.save({ useObjectStreams: false });
}
