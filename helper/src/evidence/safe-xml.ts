// Parses untrusted XML without any DTD processing. A DOCTYPE is refused before the parser sees the text, so no
// entity is ever declared: no expansion bombs, no external entities. Any parser warning or error is fatal, because
// a lenient parse would let two parsers (ours and the signer's) read different documents.
import { DOMParser } from '@xmldom/xmldom';

/** Evidence larger than this is refused before parsing (real evidences are a few kilobytes). */
export const MAX_XML_BYTES = 4 * 1024 * 1024;

/**
 * Deepest element nesting accepted. Every reader after the parser (canonicalisation, signature references) walks
 * the tree recursively, so a deeper document would overflow the stack; real evidences and trusted lists stay
 * under 20 levels.
 */
export const MAX_XML_DEPTH = 256;

export class XmlFormatError extends Error {
  override name = 'XmlFormatError';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
/** The XML declaration's encoding, read from the ASCII-compatible bytes of the document's start. */
const DECLARED_ENCODING = /^(?:\uFEFF)?<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/;
/** Characters XML 1.0 forbids (section 2.2); xmldom lets some through silently, so two readers could differ. */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * The document's characters, decoded as it declares (XML 1.0 4.3.3 and appendix F): UTF-8 unless the declaration
 * names another ASCII-compatible encoding (ISO-8859-1/-2, windows-125x, ...), which real Hungarian and UK signatures
 * use. Canonical XML is UTF-8 whatever the input, so digests do not depend on it.
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_XML_BYTES) throw new XmlFormatError(`XML larger than ${MAX_XML_BYTES} bytes`);
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const encoding = DECLARED_ENCODING.exec(head.startsWith('\xEF\xBB\xBF') ? head.slice(3) : head)?.[1];
  let text: string;
  if (encoding === undefined || /^utf-?8$/i.test(encoding)) {
    try {
      text = UTF8.decode(bytes);
    } catch {
      throw new XmlFormatError('XML is not valid UTF-8');
    }
  } else {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new XmlFormatError(`XML declares encoding ${encoding}, which is not supported`);
    }
    // Only single-byte, ASCII-compatible encodings: the declaration was read as ASCII to find them.
    if (/^utf-?16|^utf-?32|^ucs/i.test(decoder.encoding)) throw new XmlFormatError(`XML declares encoding ${encoding}, which is not supported`);
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new XmlFormatError(`XML is not valid ${encoding}`);
    }
  }
  const forbidden = FORBIDDEN_CHARACTERS.exec(text);
  if (forbidden !== null) {
    throw new XmlFormatError(`XML contains the forbidden character U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${forbidden.index}`);
  }
  return text;
}

export function parseXmlSafely(bytes: Uint8Array): Document {
  const text = decodeXml(bytes);
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) {
    throw new XmlFormatError('XML with a document type declaration is refused (no DTD, no entities)');
  }
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new XmlFormatError(`XML ${level}: ${message.split('\n')[0]}`);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'application/xml') as unknown as Document;
  } catch (error) {
    if (error instanceof XmlFormatError) throw error;
    throw new XmlFormatError(`XML is not well-formed: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!doc.documentElement) throw new XmlFormatError('XML has no root element');
  checkDepth(doc.documentElement);
  return doc;
}

/** Walks the tree without recursion (the parser itself builds it iteratively) and refuses it past MAX_XML_DEPTH. */
function checkDepth(root: Element): void {
  let node: Node = root;
  let ancestors = 0;
  for (;;) {
    if (ancestors >= MAX_XML_DEPTH) throw new XmlFormatError(`XML elements are nested deeper than ${MAX_XML_DEPTH} elements`);
    if (node.firstChild) {
      ancestors++;
      node = node.firstChild;
      continue;
    }
    while (!node.nextSibling) {
      if (node === root || !node.parentNode) return;
      node = node.parentNode;
      ancestors--;
      if (node === root) return;
    }
    if (node === root) return;
    node = node.nextSibling;
  }
}

/** Child elements of `parent` with the given namespace URI and local name, whatever prefixes the document uses. */
export function childElements(parent: Element, namespaceUri: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === localName && el.namespaceURI === namespaceUri) found.push(el);
    }
  }
  return found;
}

export function firstChild(parent: Element, namespaceUri: string, localName: string): Element | undefined {
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.localName === localName && el.namespaceURI === namespaceUri) return el;
    }
  }
  return undefined;
}

/** Follows a path of local names in one namespace, taking the first match at each step. */
export function descend(parent: Element, namespaceUri: string, ...path: string[]): Element | undefined {
  let current: Element | undefined = parent;
  for (const name of path) {
    if (current === undefined) return undefined;
    current = firstChild(current, namespaceUri, name);
  }
  return current;
}

export function textOf(el: Element | undefined): string | undefined {
  if (el === undefined) return undefined;
  const text = el.textContent?.trim();
  return text === undefined || text === '' ? undefined : text;
}
