// The non-PDF documents official senders attach: DmfA XML, a workers' list as a real .xlsx, a CSV statement,
// a zip of annual accounts, and the RegisteredMail proof of dispatch (Receipt.xml). All deterministic.
import yazl from 'yazl';

const enc = new TextEncoder();

export interface ZipEntry {
  name: string;
  data: string | Uint8Array;
}

export function zipBytes(entries: ZipEntry[], mtime: Date): Promise<Uint8Array> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(Buffer.from(typeof e.data === 'string' ? enc.encode(e.data) : e.data), e.name, { mtime, mode: 0o100644 });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface Worker {
  ssin: string;
  name: string;
  days: number;
  grossEuro: number;
}

export function dmfaXml(employer: string, year: number, quarter: number, workers: Worker[]): Uint8Array {
  const lines = workers.map(
    (w) =>
      `    <NaturalPerson><INSS>${w.ssin}</INSS><WorkerName>${xmlEscape(w.name)}</WorkerName>` +
      `<Occupation><DaysNumber>${w.days}</DaysNumber><Remuneration><RemunCode>1</RemunCode><RemunAmount>${w.grossEuro.toFixed(2)}</RemunAmount></Remuneration></Occupation></NaturalPerson>`,
  );
  return enc.encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<DmfARegularisation xmlns="http://www.smals.be/xml/dmfa">\n` +
      `  <EmployerDeclaration><Quarter>${year}${quarter}</Quarter><CompanyID>${employer}</CompanyID>\n${lines.join('\n')}\n  </EmployerDeclaration>\n</DmfARegularisation>\n`,
  );
}

export function contributionsCsv(lines: Array<[string, number]>): Uint8Array {
  const body = lines.map(([label, amount]) => `"${label.replace(/"/g, '""')}";${amount.toFixed(2).replace('.', ',')}`).join('\r\n');
  return enc.encode(`\uFEFFRubrique;Montant EUR\r\n${body}\r\n`);
}

function column(i: number): string {
  return String.fromCharCode(65 + i);
}

/** A minimal but complete SpreadsheetML package (opens in LibreOffice and Excel): inline strings, no shared table. */
export function workersXlsx(header: string[], rows: Array<Array<string | number>>, mtime: Date): Promise<Uint8Array> {
  const cell = (v: string | number, ref: string) =>
    typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
  const sheetRows = [header, ...rows]
    .map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => cell(v, `${column(ci)}${ri + 1}`)).join('')}</row>`)
    .join('');
  return zipBytes(
    [
      {
        name: '[Content_Types].xml',
        data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      },
      {
        name: '_rels/.rels',
        data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      },
      {
        name: 'xl/workbook.xml',
        data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Travailleurs" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
      },
    ],
    mtime,
  );
}

export interface ReceiptSpec {
  ticket: string;
  token: string;
  sentAt: string;
  sender: string;
  recipient: string;
  documents: Array<{ fileName: string; sha256: string }>;
}

/** The RegisteredMail proof of dispatch, shaped like the service's Receipt (RegisteredMail WS guide, 6.2.20). The
 *  real one carries a CAdES signature by Smals; this one is unsigned (attachmentSigned false). */
export function receiptXml(r: ReceiptSpec): Uint8Array {
  const docs = r.documents
    .map((d) => `    <Document><DownloadFileName>${xmlEscape(d.fileName)}</DownloadFileName><Digest><DigestMethod>SHA-256</DigestMethod><DigestValue>${d.sha256}</DigestValue></Digest></Document>`)
    .join('\n');
  return enc.encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Receipt xmlns="http://socialsecurity.be/registeredmail/types/v1">\n` +
      `  <Ticket>${r.ticket}</Ticket>\n  <Token>${r.token}</Token>\n  <DispatchDate>${r.sentAt}</DispatchDate>\n` +
      `  <Sender><EnterpriseNumber>${r.sender}</EnterpriseNumber></Sender>\n  <Recipient><EnterpriseNumber>${r.recipient}</EnterpriseNumber></Recipient>\n` +
      `  <Documents>\n${docs}\n  </Documents>\n</Receipt>\n`,
  );
}
