// A real official letter as a PDF (pdf-lib): sender heading, recipient block, references, subject, text, amounts.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

export interface LetterSpec {
  title: string;
  senderName: string;
  senderAddress: string;
  recipientLines: string[];
  placeAndDate: string;
  references: Array<[string, string]>;
  subject: string;
  paragraphs: string[];
  amounts?: Array<[string, string]>;
  closing: string;
  signature: string;
  /** Fixed dates keep the bytes, and so the digest, identical for the same seed. */
  date: Date;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const NAVY = rgb(0.1, 0.2, 0.4);

/** Standard fonts speak WinAnsi only: anything else (emoji, CJK...) becomes '?' instead of throwing. */
function printable(charset: Set<number>, text: string): string {
  let out = '';
  for (const ch of text) out += charset.has(ch.codePointAt(0) ?? 0) ? ch : '?';
  return out;
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderLetterPdf(spec: LetterSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(spec.title);
  doc.setAuthor(spec.senderName);
  doc.setProducer('e-Box sandbox');
  doc.setCreator('e-Box sandbox');
  doc.setCreationDate(spec.date);
  doc.setModificationDate(spec.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(regular.getCharacterSet());
  let page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;

  const text = (s: string, opts: { size?: number; font?: PDFFont; x?: number; color?: ReturnType<typeof rgb> } = {}) => {
    const size = opts.size ?? 10;
    if (y < MARGIN + 40) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    const font = opts.font ?? regular;
    page.drawText(printable(charset, s), { x: opts.x ?? MARGIN, y, size, font, color: opts.color ?? rgb(0, 0, 0) });
    y -= size * 1.45;
  };

  page.drawRectangle({ x: 0, y: A4[1] - 8, width: A4[0], height: 8, color: NAVY });
  text(spec.senderName, { size: 14, font: bold, color: NAVY });
  text(spec.senderAddress, { size: 9, color: rgb(0.35, 0.35, 0.35) });
  y -= 24;
  for (const l of spec.recipientLines) text(l, { x: 330 });
  y -= 18;
  text(spec.placeAndDate, { x: 330 });
  y -= 12;
  for (const [label, value] of spec.references) {
    page.drawText(printable(charset, `${label} :`), { x: MARGIN, y, size: 9, font: bold });
    text(value, { x: MARGIN + 130, size: 9 });
  }
  y -= 14;
  for (const l of wrap(bold, printable(charset, spec.subject), 11, width)) text(l, { font: bold, size: 11 });
  y -= 8;
  for (const p of spec.paragraphs) {
    for (const l of wrap(regular, printable(charset, p), 10, width)) text(l);
    y -= 6;
  }
  if (spec.amounts?.length) {
    y -= 4;
    const top = y + 12;
    for (const [label, value] of spec.amounts) {
      page.drawText(printable(charset, label), { x: MARGIN + 10, y, size: 10, font: regular });
      const v = printable(charset, value);
      page.drawText(v, { x: MARGIN + width - 10 - bold.widthOfTextAtSize(v, 10), y, size: 10, font: bold });
      y -= 16;
    }
    page.drawRectangle({ x: MARGIN, y: y + 8, width, height: top - y - 8, borderColor: NAVY, borderWidth: 0.8 });
    y -= 10;
  }
  y -= 8;
  text(spec.closing);
  y -= 20;
  text(spec.signature, { font: bold });
  return doc.save();
}
