// The human-readable receipt: one A4 page (more if the text needs it) in the reader's language, made with pdf-lib
// as PDF/A-3b (pdf-a.ts) that carries everything: the canonical receipt JSON and its CMS signature are attached as
// associated files, so the PDF alone verifies. Times are Brussels time with their offset; the log root is in the
// checkpoint's encoding (base64), for the log as it was when the receipt entered it.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Receipt } from '../../../shared/helper-api/receipts.ts';
import { brusselsTime, companyText, durationText, openerText } from '../i18n/catalogue.ts';
import { attachAssociatedFiles, createPdfA, drawable } from './pdf-a.ts';
import { PDF_LABELS } from './pdf-labels.ts';

export interface ReceiptProof {
  leafIndex: number;
  /** The log's size when the receipt entered it: leafIndex + 1 (not the size when the PDF is made). */
  treeSize: number;
  /** The log's root at that size. */
  rootHash: Buffer;
  signerSubject: string;
}

/** What the PDF carries as associated files: the signed receipt as it is in the log. */
export interface ReceiptAttachments {
  json: Uint8Array;
  p7s: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

export async function buildReceiptPdf(receipt: Receipt, proof: ReceiptProof, attachments: ReceiptAttachments): Promise<PDFDocument> {
  const L = PDF_LABELS[receipt.language];
  const date = new Date(receipt.acknowledgedAt);
  const { doc, fonts } = await createPdfA({
    title: `${L.title} - ${receipt.message.messageId}`,
    author: receipt.helper.name,
    producer: `${receipt.helper.name} ${receipt.helper.version}`,
    language: receipt.language,
    date,
  });
  await attachAssociatedFiles(
    doc,
    [
      { name: 'receipt.json', bytes: attachments.json, mimeType: 'application/json', description: 'Signed acknowledgement of receipt (canonical JSON, RFC 8785)', relationship: 'Source' },
      { name: 'receipt.p7s', bytes: attachments.p7s, mimeType: 'application/pkcs7-signature', description: 'Detached CAdES signature of receipt.json', relationship: 'Supplement' },
    ],
    date,
  );
  const { regular, bold, mono } = fonts;
  const time = (iso: string) => brusselsTime(iso, receipt.language);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const write = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0), indent = 0) => {
    for (const line of wrap(drawable(text, font), font, size, width - indent)) {
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
  if (receipt.enterprise !== undefined) field(L.company, companyText(receipt.enterprise, receipt.language));
  field(L.messageId, m.messageId);
  field(L.kind, L.kinds[kind]);
  field(L.receivedInEbox, time(m.receiptDate));
  if (m.expirationDate) field(L.expires, time(m.expirationDate));
  field(L.openedAt, time(receipt.openedAt));
  if (receipt.openedVia) field(L.openedVia, L.via[receipt.openedVia]);
  field(L.openedBy, openerText(receipt, receipt.language));
  field(L.acknowledgedAt, time(receipt.acknowledgedAt));
  if (receipt.late) field(L.late(durationText(receipt.late.seconds, receipt.language)), L.lateReasons[receipt.late.reason]);

  heading(L.documents);
  for (const d of receipt.documents) {
    write(`${d.fileName} (${d.mediaType}${d.sizeBytes !== undefined ? `, ${d.sizeBytes} B` : ''})`, bold, 10);
    write(d.sha256, mono, 8, rgb(0, 0, 0), 10);
    write(L.digestCheck[d.digestCheck], regular, 9, d.digestCheck === 'mismatch' ? rgb(0.8, 0, 0) : rgb(0.2, 0.4, 0.2), 10);
    y -= 3;
  }

  heading(L.proof);
  field(L.receiptId, receipt.receiptId);
  field(L.leafIndex, `${proof.leafIndex} / ${proof.treeSize}`);
  write(L.treeRoot, bold, 9, rgb(0.35, 0.35, 0.35));
  write(proof.rootHash.toString('base64'), mono, 8, rgb(0, 0, 0), 10);
  y -= 3;
  field(L.signer, proof.signerSubject);
  write(L.attached, regular, 8, rgb(0.35, 0.35, 0.35));
  write(L.verifyHint, regular, 8, rgb(0.35, 0.35, 0.35));
  return doc;
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
