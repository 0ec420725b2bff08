// META-INF/ASiCManifest.xml (ETSI EN 319 162-1, 4.4.2): the list of every signed file with its SHA-256. The
// CAdES signature covers this file, so the manifest is what binds every document of the bundle to the signer.

export const ASIC_NS = 'http://uri.etsi.org/02918/v1.2.1#';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const SHA256_URI = 'http://www.w3.org/2001/04/xmlenc#sha256';

export interface ManifestReference {
  /** The zip entry name (decoded from the URI). */
  path: string;
  mimeType: string;
  /** Raw 32-byte SHA-256. */
  sha256: Uint8Array;
}

export interface AsicManifest {
  signaturePath: string;
  references: ManifestReference[];
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(`META-INF/ASiCManifest.xml: ${message}`);
    this.name = 'ManifestError';
  }
}

// Entry names become URIs: each segment percent-encoded so spaces, accents and '#' survive a round trip.
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function fromUri(uri: string): string {
  try {
    return uri.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new ManifestError(`URI "${uri}" is not valid percent-encoding`);
  }
}

function xmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes a manifest one reference at a time into one growing buffer, as the container's files are written: the
 * writer keeps no list of references (paths, digests) for the whole export, and the XML is never a heap string.
 */
export class ManifestBuilder {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  constructor(signaturePath: string) {
    this.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<asic:ASiCManifest xmlns:asic="${ASIC_NS}" xmlns:ds="${DSIG_NS}">\n` +
        `  <asic:SigReference URI="${xmlAttr(toUri(signaturePath))}" MimeType="application/pkcs7-signature"/>\n`,
    );
  }

  add(ref: ManifestReference): void {
    if (ref.sha256.length !== 32) throw new Error(`${ref.path}: a SHA-256 digest has 32 bytes`);
    this.write(
      `  <asic:DataObjectReference URI="${xmlAttr(toUri(ref.path))}" MimeType="${xmlAttr(ref.mimeType)}">\n` +
        `    <ds:DigestMethod Algorithm="${SHA256_URI}"/>\n` +
        `    <ds:DigestValue>${Buffer.from(ref.sha256.buffer, ref.sha256.byteOffset, 32).toString('base64')}</ds:DigestValue>\n` +
        '  </asic:DataObjectReference>\n',
    );
  }

  /** The manifest's bytes; the builder is done. */
  finish(): Buffer {
    this.write('</asic:ASiCManifest>\n');
    return this.buf.subarray(0, this.length);
  }

  private write(text: string): void {
    const needed = this.length + Buffer.byteLength(text, 'utf8');
    if (needed > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.length += this.buf.write(text, this.length, 'utf8');
  }
}

export function buildManifest(manifest: AsicManifest): Uint8Array {
  const builder = new ManifestBuilder(manifest.signaturePath);
  for (const ref of manifest.references) builder.add(ref);
  return builder.finish();
}

const HEADER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<asic:ASiCManifest xmlns:asic="${ASIC_NS}" xmlns:ds="${DSIG_NS}">`;
const SIG_LINE = /^  <asic:SigReference URI="([^"<>]*)" MimeType="application\/pkcs7-signature"\/>$/;
const REF_LINE = /^  <asic:DataObjectReference URI="([^"<>]*)" MimeType="([^"<>]*)">$/;
const METHOD_LINE = `    <ds:DigestMethod Algorithm="${SHA256_URI}"/>`;
const VALUE_LINE = /^    <ds:DigestValue>([A-Za-z0-9+/]{43}=)<\/ds:DigestValue>$/;
const END_REF_LINE = '  </asic:DataObjectReference>';

function unescapeAttr(value: string): string {
  return value.replace(/&(amp|quot|lt|gt);/g, (_, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>' })[e]!);
}

/**
 * Parses and checks a manifest. Bundles carry the manifest exactly as buildManifest writes it, so it is read line
 * by line against that form and then regenerated and compared byte for byte: no XML parser (no DTD, entity or
 * namespace tricks to reason about), constant memory per reference whatever the bundle's size, and any deviation,
 * even one another XML reader would accept, is refused. It remains a standard ASiCManifest for other verifiers.
 */
export function parseManifest(xml: Uint8Array): AsicManifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new ManifestError('not UTF-8');
  }
  const lines = text.split('\n');
  const fail = (i: number, what: string): never => {
    throw new ManifestError(`line ${i + 1}: ${what}`);
  };
  if (`${lines[0]}\n${lines[1]}` !== HEADER) fail(0, `not an ASiCManifest in the bundle's form (root element {${ASIC_NS}}ASiCManifest)`);
  const sig = SIG_LINE.exec(lines[2] ?? '') ?? fail(2, 'expected the SigReference');
  const signaturePath = fromUri(unescapeAttr(sig[1]!));
  const references: ManifestReference[] = [];
  const seen = new Set<string>();
  let i = 3;
  for (; i + 3 < lines.length && lines[i] !== '</asic:ASiCManifest>'; i += 4) {
    const ref = REF_LINE.exec(lines[i]!) ?? fail(i, 'expected a DataObjectReference');
    if (lines[i + 1] !== METHOD_LINE) fail(i + 1, 'digest method is not SHA-256');
    const value = VALUE_LINE.exec(lines[i + 2]!) ?? fail(i + 2, 'DigestValue is not a base64 SHA-256');
    if (lines[i + 3] !== END_REF_LINE) fail(i + 3, 'expected the end of the DataObjectReference');
    const path = fromUri(unescapeAttr(ref[1]!));
    if (seen.has(path)) fail(i, `"${path}" is listed twice`);
    seen.add(path);
    references.push({ path, mimeType: unescapeAttr(ref[2]!), sha256: Buffer.from(value[1]!, 'base64') });
  }
  if (lines[i] !== '</asic:ASiCManifest>' || lines[i + 1] !== '' || lines.length !== i + 2) fail(i, 'expected the end of the manifest');
  const manifest = { signaturePath, references };
  if (!Buffer.from(buildManifest(manifest)).equals(Buffer.from(xml))) throw new ManifestError('not in the canonical form of a bundle manifest');
  return manifest;
}
