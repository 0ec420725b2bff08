// The human-readable receipt: one A4 page (more if the text needs it) in the reader's language, made with pdf-lib.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Receipt } from '../../../shared/helper-api/receipts.ts';
import { PDF_LABELS } from './pdf-labels.ts';

export interface ReceiptProof {
  leafIndex: number;
  treeSize: number;
  rootHash: Buffer;
  signerSubject: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

export async function buildReceiptPdf(receipt: Receipt, proof: ReceiptProof): Promise<PDFDocument> {
  const L = PDF_LABELS[receipt.language];
  const doc = await PDFDocument.create();
  doc.setTitle(`${L.title} - ${receipt.message.messageId}`);
  doc.setAuthor(receipt.helper.name);
  doc.setProducer(`${receipt.helper.name} ${receipt.helper.version}`);
  doc.setCreationDate(new Date(receipt.acknowledgedAt));
  doc.setModificationDate(new Date(receipt.acknowledgedAt));
  doc.setLanguage(receipt.language);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const write = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0), indent = 0) => {
    for (const line of wrap(encodable(text, font), font, size, width - indent)) {
      if (y < MARGIN + size) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color });
      y -= size * 1.35;
    }
  };
  const field = (label: string, value: string) => {
    write(label, bold, 9, rgb(0.35, 0.35, 0.35));
    write(value, regular, 11, rgb(0, 0, 0), 10);
    y -= 3;
  };
  const heading = (text: string) => {
    y -= 8;
    write(text, bold, 13, rgb(0.1, 0.2, 0.45));
  };

  write(L.title, bold, 20);
  y -= 4;
  if (receipt.signer.development) write(L.developmentWarning, bold, 10, rgb(0.8, 0, 0));
  write(L.intro, regular, 9, rgb(0.25, 0.25, 0.25));

  const m = receipt.message;
  const kind = m.registeredKind ?? (m.registeredMail ? 'registered' : 'simple');
  heading(L.message);
  field(L.subject, m.subject[receipt.language] ?? m.subject.fr ?? m.subject.nl ?? m.subject.de ?? m.subject.en ?? '');
  field(L.sender, m.senderOrganizationName ? `${m.senderOrganizationName} (${m.senderOrganizationId})` : m.senderOrganizationId);
  field(L.messageId, m.messageId);
  field(L.kind, L.kinds[kind]);
  field(L.receivedInEbox, m.receiptDate);
  if (m.expirationDate) field(L.expires, m.expirationDate);
  field(L.openedAt, receipt.openedAt);
  field(L.openedBy, receipt.openedBy.email ? `${receipt.openedBy.name} <${receipt.openedBy.email}>` : receipt.openedBy.name);
  field(L.acknowledgedAt, receipt.acknowledgedAt);

  heading(L.documents);
  for (const d of receipt.documents) {
    write(`${d.fileName} (${d.mediaType}${d.sizeBytes !== undefined ? `, ${d.sizeBytes} B` : ''})`, bold, 10);
    write(Buffer.from(d.sha256, 'base64url').toString('hex'), mono, 8, rgb(0, 0, 0), 10);
    write(L.digestCheck[d.digestCheck], regular, 9, d.digestCheck === 'mismatch' ? rgb(0.8, 0, 0) : rgb(0.2, 0.4, 0.2), 10);
    y -= 3;
  }

  heading(L.proof);
  field(L.receiptId, receipt.receiptId);
  field(L.leafIndex, `${proof.leafIndex} / ${proof.treeSize}`);
  write(L.treeRoot, bold, 9, rgb(0.35, 0.35, 0.35));
  write(proof.rootHash.toString('hex'), mono, 8, rgb(0, 0, 0), 10);
  y -= 3;
  field(L.signer, proof.signerSubject);
  write(L.verifyHint, regular, 8, rgb(0.35, 0.35, 0.35));
  return doc;
}

/** Standard fonts encode WinAnsi only: any other character (a Polish ł, an emoji) becomes '?' rather than failing. */
function encodable(text: string, font: PDFFont): string {
  const set = new Set(font.getCharacterSet());
  return [...text.replace(/[\r\n\t]+/g, ' ')].map((c) => (set.has(c.codePointAt(0)!) ? c : '?')).join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    // A word wider than the line (a hash, a long id) is cut by characters.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let n = rest.length;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}
