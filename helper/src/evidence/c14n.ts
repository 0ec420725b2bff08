// Canonical XML 1.0 (inclusive) and Exclusive XML Canonicalization 1.0, with or without comments, for the node-sets
// XML signatures use here: a whole document or one element's subtree, optionally minus one element (the enveloped
// signature). Written for this verifier because going through xmldsigjs's object model cost about 1 ms per
// evidence; its output is cross-checked against xmlsec1 and xadesjs in the tests.

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export const C14N_ALGORITHMS = {
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': { exclusive: false, withComments: false },
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': { exclusive: false, withComments: true },
  'http://www.w3.org/2001/10/xml-exc-c14n#': { exclusive: true, withComments: false },
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': { exclusive: true, withComments: true },
} as const;

export type C14nAlgorithm = keyof typeof C14N_ALGORITHMS;

export function isC14nAlgorithm(uri: string): uri is C14nAlgorithm {
  return Object.hasOwn(C14N_ALGORITHMS, uri);
}

export interface C14nOptions {
  exclusive: boolean;
  withComments: boolean;
  /** Exclusive c14n's InclusiveNamespaces PrefixList ('#default' stands for the default namespace). */
  inclusivePrefixes?: readonly string[];
  /** An element left out with its subtree (the enveloped-signature transform). */
  exclude?: Element;
}

type Namespaces = Map<string, string>;

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PI = 7;
const COMMENT = 8;
const DOCUMENT = 9;

export function canonicalize(node: Document | Element, options: C14nOptions): string {
  const c = new Canonicalizer(options);
  if (node.nodeType === DOCUMENT) return c.document(node as Document);
  const el = node as Element;
  return c.element(el, new Map(), inScopeOfParent(el), c.inheritedXmlAttributes(el));
}

/** xmldom keeps the XML declaration as a processing instruction named "xml"; canonical XML leaves it out. */
function isXmlDeclaration(n: Node): boolean {
  return (n as ProcessingInstruction).target.toLowerCase() === 'xml';
}

function isNamespaceDeclaration(attr: Attr): boolean {
  return attr.name === 'xmlns' || attr.name.startsWith('xmlns:');
}

/** Namespaces in scope at the parent of `el` (declared by its ancestors). */
function inScopeOfParent(el: Element): Namespaces {
  const chain: Element[] = [];
  for (let p = el.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) chain.push(p as Element);
  let scope: Namespaces = new Map();
  for (let i = chain.length - 1; i >= 0; i--) scope = withDeclarations(chain[i]!, scope);
  return scope;
}

function withDeclarations(el: Element, parent: Namespaces): Namespaces {
  let scope = parent;
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const attr = attrs[i]!;
    if (!isNamespaceDeclaration(attr)) continue;
    if (scope === parent) scope = new Map(parent);
    scope.set(attr.name === 'xmlns' ? '' : attr.name.slice(6), attr.value);
  }
  return scope;
}

function escapeText(s: string): string {
  return /[&<>\r]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;')
    : s;
}

function escapeAttribute(s: string): string {
  return /[&<"\t\n\r]/.test(s)
    ? s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&quot;')
        .replace(/\t/g, '&#x9;')
        .replace(/\n/g, '&#xA;')
        .replace(/\r/g, '&#xD;')
    : s;
}

function compareAttributes(a: Attr, b: Attr): number {
  const na = a.namespaceURI ?? '';
  const nb = b.namespaceURI ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const la = a.localName ?? a.name;
  const lb = b.localName ?? b.name;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

class Canonicalizer {
  private readonly exclusive: boolean;
  private readonly withComments: boolean;
  private readonly inclusivePrefixes: ReadonlySet<string>;
  private readonly exclude: Element | undefined;

  constructor(options: C14nOptions) {
    this.exclusive = options.exclusive;
    this.withComments = options.withComments;
    this.inclusivePrefixes = new Set((options.inclusivePrefixes ?? []).map((p) => (p === '#default' ? '' : p)));
    this.exclude = options.exclude;
  }

  document(doc: Document): string {
    let out = '';
    let seenRoot = false;
    for (let n = doc.firstChild; n !== null; n = n.nextSibling) {
      if (n.nodeType === ELEMENT) {
        out += this.element(n as Element, new Map(), new Map(), []);
        seenRoot = true;
      } else if ((n.nodeType === PI && !isXmlDeclaration(n)) || (n.nodeType === COMMENT && this.withComments)) {
        const s = this.leaf(n);
        out += seenRoot ? '\n' + s : s + '\n';
      }
    }
    return out;
  }

  /** Inclusive c14n of a subtree carries the xml:* attributes of the apex's ancestors onto the apex. */
  inheritedXmlAttributes(el: Element): Attr[] {
    if (this.exclusive) return [];
    const found = new Map<string, Attr>();
    for (let p = el.parentNode; p !== null && p.nodeType === ELEMENT; p = p.parentNode) {
      const attrs = (p as Element).attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs[i]!;
        if (a.namespaceURI === XML_NS && !found.has(a.localName ?? a.name) && !el.hasAttributeNS(XML_NS, a.localName ?? '')) {
          found.set(a.localName ?? a.name, a);
        }
      }
    }
    return [...found.values()];
  }

  private leaf(n: Node): string {
    if (n.nodeType === COMMENT) return `<!--${(n as Comment).data}-->`;
    const pi = n as ProcessingInstruction;
    return pi.data === '' ? `<?${pi.target}?>` : `<?${pi.target} ${pi.data}?>`;
  }

  /** `rendered`: namespaces the nearest output ancestor rendered; `parentScope`: namespaces in scope at the parent. */
  element(el: Element, rendered: Namespaces, parentScope: Namespaces, extraAttributes: Attr[]): string {
    const scope = withDeclarations(el, parentScope);
    const attrs: Attr[] = [...extraAttributes];
    const all = el.attributes;
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      if (!isNamespaceDeclaration(a)) attrs.push(a);
    }

    const renderNow: [string, string][] = [];
    const consider = (prefix: string, uri: string): void => {
      if (prefix === 'xml') return;
      const previous = rendered.get(prefix) ?? '';
      if (uri !== previous) renderNow.push([prefix, uri]);
    };
    if (this.exclusive) {
      const used = new Set<string>([el.prefix ?? '']);
      for (const a of attrs) if (a.prefix) used.add(a.prefix);
      for (const p of this.inclusivePrefixes) if (scope.has(p)) used.add(p);
      for (const p of used) consider(p, p === '' ? (scope.get('') ?? '') : (scope.get(p) ?? ''));
    } else {
      for (const [p, uri] of scope) consider(p, uri);
    }

    let out = '<' + el.tagName;
    let childRendered = rendered;
    if (renderNow.length > 0) {
      renderNow.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      childRendered = new Map(rendered);
      for (const [p, uri] of renderNow) {
        out += (p === '' ? ' xmlns="' : ` xmlns:${p}="`) + escapeAttribute(uri) + '"';
        childRendered.set(p, uri);
      }
    }
    if (attrs.length > 1) attrs.sort(compareAttributes);
    for (const a of attrs) out += ' ' + a.name + '="' + escapeAttribute(a.value) + '"';
    out += '>';

    for (let n = el.firstChild; n !== null; n = n.nextSibling) {
      switch (n.nodeType) {
        case ELEMENT:
          if (n !== this.exclude) out += this.element(n as Element, childRendered, scope, []);
          break;
        case TEXT:
        case CDATA:
          out += escapeText((n as CharacterData).data);
          break;
        case PI:
          out += this.leaf(n);
          break;
        case COMMENT:
          if (this.withComments) out += this.leaf(n);
          break;
      }
    }
    return out + '</' + el.tagName + '>';
  }
}
