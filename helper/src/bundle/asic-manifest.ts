// META-INF/ASiCManifest.xml (ETSI EN 319 162-1, 4.4.2): the list of every signed file with its SHA-256. The
// CAdES signature covers this file, so the manifest is what binds every document of the bundle to the signer.
import { parseXmlSafely } from '../evidence/safe-xml.ts';

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

export function buildManifest(manifest: AsicManifest): Uint8Array {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<asic:ASiCManifest xmlns:asic="${ASIC_NS}" xmlns:ds="${DSIG_NS}">\n`,
    `  <asic:SigReference URI="${xmlAttr(toUri(manifest.signaturePath))}" MimeType="application/pkcs7-signature"/>\n`,
  ];
  for (const ref of manifest.references) {
    if (ref.sha256.length !== 32) throw new Error(`${ref.path}: a SHA-256 digest has 32 bytes`);
    parts.push(
      `  <asic:DataObjectReference URI="${xmlAttr(toUri(ref.path))}" MimeType="${xmlAttr(ref.mimeType)}">\n`,
      `    <ds:DigestMethod Algorithm="${SHA256_URI}"/>\n`,
      `    <ds:DigestValue>${Buffer.from(ref.sha256).toString('base64')}</ds:DigestValue>\n`,
      '  </asic:DataObjectReference>\n',
    );
  }
  parts.push('</asic:ASiCManifest>\n');
  return Buffer.from(parts.join(''), 'utf8');
}

/** Parses and checks a manifest: namespace, one SigReference, SHA-256 only, no duplicate or empty URI. */
export function parseManifest(xml: Uint8Array): AsicManifest {
  let doc: Document;
  try {
    // No DTD, no entities, UTF-8 only, any parser complaint fatal: the evidence module's strict parser.
    doc = parseXmlSafely(xml);
  } catch (err) {
    throw new ManifestError((err as Error).message);
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== ASIC_NS || root.localName !== 'ASiCManifest') {
    throw new ManifestError(`the root element is not {${ASIC_NS}}ASiCManifest`);
  }
  let signaturePath: string | undefined;
  const references: ManifestReference[] = [];
  const seen = new Set<string>();
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.TEXT_NODE && (node.nodeValue ?? '').trim() === '') continue;
    if (node.nodeType === node.COMMENT_NODE) continue;
    if (node.nodeType !== node.ELEMENT_NODE) throw new ManifestError('unexpected content in ASiCManifest');
    const el = node as unknown as Element;
    if (el.namespaceURI !== ASIC_NS) throw new ManifestError(`unexpected element ${el.nodeName}`);
    const uri = el.getAttribute('URI');
    if (!uri) throw new ManifestError(`${el.localName} without URI`);
    if (el.localName === 'SigReference') {
      if (signaturePath !== undefined) throw new ManifestError('more than one SigReference');
      signaturePath = fromUri(uri);
    } else if (el.localName === 'DataObjectReference') {
      const path = fromUri(uri);
      if (seen.has(path)) throw new ManifestError(`"${path}" is listed twice`);
      seen.add(path);
      const method = el.getElementsByTagNameNS(DSIG_NS, 'DigestMethod')[0];
      const value = el.getElementsByTagNameNS(DSIG_NS, 'DigestValue')[0];
      if (!method || method.getAttribute('Algorithm') !== SHA256_URI) {
        throw new ManifestError(`"${path}": digest method is not SHA-256`);
      }
      const text = (value?.textContent ?? '').trim();
      const sha256 = Buffer.from(text, 'base64');
      if (!/^[A-Za-z0-9+/]{43}=$/.test(text) || sha256.length !== 32) {
        throw new ManifestError(`"${path}": DigestValue is not a base64 SHA-256`);
      }
      references.push({ path, mimeType: el.getAttribute('MimeType') ?? 'application/octet-stream', sha256 });
    } else {
      throw new ManifestError(`unexpected element ${el.nodeName}`);
    }
  }
  if (signaturePath === undefined) throw new ManifestError('no SigReference');
  return { signaturePath, references };
}
