// PAdES baseline signing of a pdf-lib document (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached). pdf-lib cannot
// sign, so we add the signature dictionary ourselves with a /ByteRange placeholder and a zero-filled /Contents,
// save, fill in the real byte range, sign those bytes with the helper's CAdES signer (signing-certificate-v2, no
// signing-time: EN 319 142-1 takes the time from /M or the time-stamp), and write the CMS into /Contents.
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { Identity } from '../identity/identity.ts';
import { signDetached, type SignOptions } from '../cms/signer.ts';

/** Room for the CMS: the chain, the signature and an RFC 3161 token, hex-encoded. */
const CONTENTS_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface PadesOptions extends SignOptions {
  reason?: string;
  location?: string;
  signerName?: string;
  signingTime?: Date;
}

export async function signPdf(doc: PDFDocument, identity: Identity, options: PadesOptions = {}): Promise<Buffer> {
  const ctx = doc.context;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const signature = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    M: PDFString.fromDate(options.signingTime ?? new Date()),
    ...(options.reason ? { Reason: PDFString.of(options.reason) } : {}),
    ...(options.location ? { Location: PDFString.of(options.location) } : {}),
    ...(options.signerName ? { Name: PDFString.of(options.signerName) } : {}),
  });
  const signatureRef = ctx.register(signature);
  const page = doc.getPage(0);
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signatureRef,
    T: PDFString.of('Receipt signature'),
    F: 132, // Print + Locked: an invisible signature that cannot be moved
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  page.node.addAnnot(widgetRef);
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ SigFlags: 3, Fields: [widgetRef] }));

  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  const placeholder = Buffer.from(`<${'0'.repeat(CONTENTS_BYTES * 2)}>`);
  const start = pdf.indexOf(placeholder);
  if (start < 0 || pdf.indexOf(placeholder, start + 1) >= 0) throw new Error('the /Contents placeholder must appear exactly once');
  const end = start + placeholder.length;
  const rangeText = `[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`;
  const rangeAt = pdf.indexOf(rangeText);
  if (rangeAt < 0) throw new Error('the /ByteRange placeholder was not found');
  const actual = `[0 ${start} ${end} ${pdf.length - end}]`;
  if (actual.length > rangeText.length) throw new Error('the /ByteRange does not fit its placeholder');
  pdf.write(actual.padEnd(rangeText.length, ' '), rangeAt, 'latin1');

  const signed = Buffer.concat([pdf.subarray(0, start), pdf.subarray(end)]);
  // PAdES: no signing-time attribute (the time is /M above, or the signature time-stamp).
  const cms = await signDetached(signed, identity, { ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}), ...(options.timestamp ? { timestamp: options.timestamp } : {}), signingTime: 'none' });
  if (cms.length > CONTENTS_BYTES) throw new Error(`the signature (${cms.length} bytes) does not fit the ${CONTENTS_BYTES}-byte /Contents`);
  pdf.write(cms.toString('hex').padEnd(CONTENTS_BYTES * 2, '0'), start + 1, 'latin1');
  return pdf;
}
