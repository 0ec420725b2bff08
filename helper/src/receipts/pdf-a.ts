// What makes a pdf-lib document PDF/A-3b (ISO 19005-3, level B): embedded fonts (DejaVu, from the
// dejavu-fonts-ttf package: Bitstream Vera licence with DejaVu's public-domain changes, see its LICENSE), XMP
// metadata naming the part and conformance and matching the document information dictionary, an sRGB output
// intent (the vendored helper/assets/icc/sRGB.icc, zlib licence), a trailer /ID, and associated files (/AF with
// /AFRelationship) for attachments. No PDF/A validator is packaged for Debian; pdf-a.test.ts checks these
// essentials, and qpdf and pdfsig read the result.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { AFRelationship, PDFDocument, PDFHexString, PDFName, PDFString, type PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

export interface PdfAFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;
let fontBytes: Record<keyof typeof FONT_FILES, Buffer> | undefined;
let iccBytes: Buffer | undefined;

function fonts(): Record<keyof typeof FONT_FILES, Buffer> {
  fontBytes ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([k, file]) => [k, readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))]),
  ) as Record<keyof typeof FONT_FILES, Buffer>;
  return fontBytes;
}

function srgbProfile(): Buffer {
  iccBytes ??= readFileSync(new URL('../../assets/icc/sRGB.icc', import.meta.url));
  return iccBytes;
}

export interface PdfAInfo {
  title: string;
  author: string;
  producer: string;
  language: string;
  /** Creation and modification time of the document. */
  date: Date;
}

export interface PdfAAttachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description: string;
  relationship: 'Source' | 'Data' | 'Supplement' | 'Alternative';
}

/** A new document set up as PDF/A-3b: metadata, output intent and the three fonts, subset when saved. */
export async function createPdfA(info: PdfAInfo): Promise<{ doc: PDFDocument; fonts: PdfAFonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setCreator(info.producer);
  doc.setProducer(info.producer);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage(info.language);
  const ctx = doc.context;
  const xmp = ctx.stream(xmpPacket(info), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(xmp));
  const icc = ctx.flateStream(srgbProfile(), { N: 3 });
  doc.catalog.set(
    PDFName.of('OutputIntents'),
    ctx.obj([
      {
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
        Info: PDFString.of('sRGB IEC61966-2.1'),
        DestOutputProfile: ctx.register(icc),
      },
    ]),
  );
  // ISO 32000-1 14.4: both identifiers equal in a file's first version; derived from its metadata, so stable.
  const id = createHash('md5').update(`${info.title}\n${info.date.toISOString()}`).digest('hex');
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const f = fonts();
  return {
    doc,
    fonts: {
      regular: await doc.embedFont(f.regular, { subset: true }),
      bold: await doc.embedFont(f.bold, { subset: true }),
      mono: await doc.embedFont(f.mono, { subset: true }),
    },
  };
}

/** Attaches files as PDF/A-3 associated files: embedded, listed in the catalogue's /AF with their relationship. */
export async function attachAssociatedFiles(doc: PDFDocument, files: PdfAAttachment[], date: Date): Promise<void> {
  for (const f of files) {
    await doc.attach(f.bytes, f.name, {
      mimeType: f.mimeType,
      description: f.description,
      creationDate: date,
      modificationDate: date,
      afRelationship: AFRelationship[f.relationship],
    });
  }
}

/** Characters the font has a glyph for; others become '?' (PDF/A forbids references to .notdef). */
export function drawable(text: string, font: PDFFont): string {
  const set = charsets.get(font) ?? new Set(font.getCharacterSet());
  charsets.set(font, set);
  return [...text.replace(/[\r\n\t]+/g, ' ')].map((c) => (set.has(c.codePointAt(0)!) ? c : '?')).join('');
}
const charsets = new WeakMap<PDFFont, Set<number>>();

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** XMP (ISO 16684-1) with the PDF/A identification schema and the same title, author, producer and dates as /Info. */
function xmpPacket(info: PdfAInfo): Buffer {
  const date = info.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return Buffer.from(
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlText(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>${xmlText(info.language)}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <xmp:CreatorTool>${xmlText(info.producer)}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${xmlText(info.producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`,
    'utf8',
  );
}
