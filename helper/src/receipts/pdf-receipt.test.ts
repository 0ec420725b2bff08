// The PDF receipt as a judge or an archivist receives it: PAdES-signed (pdfsig), structurally sound (qpdf --check),
// PDF/A-3b in its essentials (no PDF/A validator is packaged here): every font embedded (pdffonts), XMP naming part
// 3 and conformance B, an sRGB output intent, and the receipt JSON and its CMS as associated files that pdfdetach
// extracts and openssl verifies. Times in Brussels time with their offset, the log root in base64.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { createDevelopmentIdentity } from '../identity/development-identity.ts';
import { summarise, type Identity } from '../identity/identity.ts';
import { buildReceipt } from './receipt.ts';
import { buildReceiptPdf } from './pdf-receipt.ts';
import { signPdf } from './pades.ts';
import { acknowledgeRequest } from './receipt.fixture.ts';
import { canonicalBytes } from './canonical-json.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { verifyCms } from '../cms/verifier.ts';
import { chainPem, signDetached } from '../cms/signer.ts';
import { OID } from '../cms/oids.ts';
import { toArrayBuffer } from '../cms/asn1.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-pdf-'));
let identity: Identity;
let tsa: RunningTsa;
beforeAll(async () => {
  identity = await createDevelopmentIdentity();
  tsa = await startTsa();
});
afterAll(async () => {
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

function save(pdf: Buffer, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  return path;
}

function pdfsig(pdf: Buffer, name: string): string {
  const r = spawnSync('pdfsig', [save(pdf, name)]);
  return `${r.stdout}${r.stderr}`;
}

const root = Buffer.alloc(32, 1);
const proof = { leafIndex: 3, treeSize: 4, rootHash: root, signerSubject: 'CN=test' };

async function receiptPdf(overrides: Parameters<typeof acknowledgeRequest>[0] = {}, tsaUrl?: string) {
  const receipt = buildReceipt(acknowledgeRequest(overrides), summarise(identity), new Date('2026-11-23T09:15:30Z'));
  const json = canonicalBytes(receipt);
  const p7s = await signDetached(json, identity);
  const pdf = await signPdf(await buildReceiptPdf(receipt, proof, { json, p7s }), identity, { ...(tsaUrl ? { tsaUrl } : {}) });
  return { receipt, json, p7s, pdf };
}

/** The CMS in the PDF's signature and the bytes it covers. */
function embeddedCms(pdf: Buffer): { cms: Buffer; signed: Buffer } {
  const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1'))!;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const cmsHex = pdf.subarray(a + 1, b - 1).toString('latin1').replace(/(00)+$/, '');
  return { cms: Buffer.from(cmsHex.length % 2 ? `${cmsHex}0` : cmsHex, 'hex'), signed: Buffer.concat([pdf.subarray(0, a), pdf.subarray(b)]) };
}

function streamBytes(doc: PDFDocument, ref: unknown): Buffer {
  const stream = doc.context.lookup(ref as PDFRef) as PDFRawStream;
  const raw = Buffer.from(stream.getContents());
  return stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(raw) : raw;
}

describe('PAdES receipt', () => {
  it.each(['fr', 'nl', 'de', 'en'] as const)('makes a %s receipt that pdfsig reports validly signed over the whole file, qpdf --check accepts', async (language) => {
    const { pdf } = await receiptPdf({ language }, language === 'fr' ? tsa.url : undefined);
    const out = pdfsig(pdf, `${language}.pdf`);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
    const qpdf = spawnSync('qpdf', ['--check', save(pdf, `${language}-q.pdf`)], { encoding: 'utf8' });
    expect(qpdf.stdout).toMatch(/No syntax or stream encoding errors found/);
    expect(qpdf.status).toBe(0);
    // The embedded CMS: CAdES with signing-certificate-v2, no signing-time (PAdES), and for fr a time-stamp.
    const { cms, signed } = embeddedCms(pdf);
    const v = verifyCms(cms, signed);
    expect(Boolean(v.timestamp)).toBe(language === 'fr');
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
    const attrs = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type);
    expect(attrs).toContain(OID.signingCertificateV2);
    expect(attrs).not.toContain(OID.signingTime);
  });

  it('is PDF/A-3b in its essentials: fonts embedded, XMP part 3 conformance B, sRGB output intent, trailer ID', async () => {
    const { pdf } = await receiptPdf({ language: 'de' });
    // pdffonts (poppler) lists every font the pages use; each must be embedded.
    const fonts = execFileSync('pdffonts', [save(pdf, 'fonts.pdf')]).toString().trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const row of fonts) expect(row, row).toMatch(/DejaVu\S*\s+CID TrueType\s+Identity-H\s+yes\s+(yes|no)\s+yes/); // columns emb, sub, uni
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    // Every font object in the file, not only the pages' ones, has its font program.
    let fontObjects = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const dict = obj instanceof PDFDict ? obj : undefined;
      if (dict?.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
      fontObjects++;
      expect(dict.has(PDFName.of('FontFile2')) || dict.has(PDFName.of('FontFile')) || dict.has(PDFName.of('FontFile3'))).toBe(true);
    }
    expect(fontObjects).toBeGreaterThanOrEqual(3);
    const xmp = streamBytes(doc, doc.catalog.get(PDFName.of('Metadata'))).toString('utf8');
    expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    // XMP and the information dictionary say the same (ISO 19005-3 6.6.2.3.1).
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li>`);
    expect(xmp).toContain(`<xmp:CreateDate>2026-11-23T09:15:30Z</xmp:CreateDate>`);
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T09:15:30.000Z');
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const icc = streamBytes(doc, intent.get(PDFName.of('DestOutputProfile')));
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp'); // an ICC profile
    expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect(createHash('sha256').update(icc).digest('hex')).toBe(createHash('sha256').update(readFileSync(new URL('../../assets/icc/sRGB.icc', import.meta.url))).digest('hex'));
    expect(doc.context.trailerInfo.ID).toBeInstanceOf(PDFArray);
    expect(pdf.subarray(0, 8).toString('latin1')).toMatch(/^%PDF-1\.[4-7]/);
  });

  it('carries the receipt JSON and its CMS as associated files that pdfdetach extracts and openssl verifies', async () => {
    const { json, p7s, pdf } = await receiptPdf();
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray);
    const specs = af.asArray().map((ref) => doc.context.lookup(ref, PDFDict));
    const named = Object.fromEntries(specs.map((spec) => [(spec.lookup(PDFName.of('F')) as PDFString | PDFHexString).decodeText(), spec]));
    expect(Object.keys(named).sort()).toEqual(['receipt.json', 'receipt.p7s']);
    expect(named['receipt.json']!.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Source'));
    expect(named['receipt.p7s']!.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Supplement'));
    // Extracted by poppler, independently of pdf-lib: the bytes as signed, and openssl verifies one over the other.
    const out = join(dir, 'detached');
    mkdirSync(out, { recursive: true });
    execFileSync('pdfdetach', ['-saveall', '-o', out, save(pdf, 'attached.pdf')]);
    expect(readFileSync(join(out, 'receipt.json')).equals(Buffer.from(json))).toBe(true);
    expect(readFileSync(join(out, 'receipt.p7s')).equals(Buffer.from(p7s))).toBe(true);
    writeFileSync(join(out, 'chain.pem'), chainPem(identity));
    const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(out, 'receipt.p7s'), '-content', join(out, 'receipt.json'), '-CAfile', join(out, 'chain.pem'), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/Verification successful/);
  });

  it('says times in Brussels time with their offset, the log root in base64, and who opened it', async () => {
    const { pdf } = await receiptPdf({ language: 'fr', openedAt: '2026-07-01T09:15:00Z', openedBy: { unknownPerson: true }, enterprise: { cbe: '0403170701', name: 'Brasserie Exemple SRL' }, openedVia: 'job', lateReason: 'helper-unreachable' });
    const text = execFileSync('pdftotext', ['-layout', save(pdf, 'text.pdf'), '-']).toString();
    expect(text).toContain('01/07/2026 11:15:00 (UTC+02:00)'); // opened: summer time
    expect(text).toContain('23/11/2026 10:15:30 (UTC+01:00)'); // acknowledged: winter time
    expect(text).toContain(root.toString('base64'));
    expect(text).toMatch(/\b3 ?\/ ?4\b/);
    expect(text).toContain('145 jours 0 h 00 min');
    expect(text).toContain('personne inconnue de Brasserie Exemple SRL (0403.170.701)');
    expect(text).toMatch(/l'assistant ne répondait pas/);
    expect(text).toContain('un archivage groupé');
  });

  it('shows the change when one byte of the signed PDF is altered', async () => {
    const { pdf } = await receiptPdf();
    // Inside the page's content stream (the text), well within the first signed byte range.
    const at = pdf.indexOf('stream', pdf.indexOf('/Length')) + 20;
    pdf[at]! ^= 0x01;
    const out = pdfsig(pdf, 'altered.pdf');
    expect(out).toMatch(/Signature Validation: Digest Mismatch/);
    expect(out).not.toMatch(/Signature is Valid/);
  });
});
