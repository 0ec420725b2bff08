// The enveloped XML signature of an evidence, read under a strict profile and verified with Node's native crypto:
// one ds:Signature, child of the root; references either to the whole document (enveloped-signature transform) or
// to a unique Id; only canonicalization transforms. Anything else is a FORMAT_FAILURE rather than a guess, which
// closes the signature-wrapping tricks that XPath transforms and duplicate Ids allow.
import { constants, createHash, verify as verifySignature, type KeyObject } from 'node:crypto';
import { canonicalize, C14N_ALGORITHMS, isC14nAlgorithm, type C14nOptions } from './c14n.ts';
import { DIGEST_BYTES, DIGEST_METHODS, RSA_PSS_METHOD, RSA_PSS_PARAMS_NS, SIGNATURE_METHODS, type DigestName, type SignatureMethod } from './algorithms.ts';
import { childElements, firstChild, textOf } from './safe-xml.ts';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const EC14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';

export class SignatureFormatError extends Error {
  override name = 'SignatureFormatError';
}

export interface SignatureReference {
  uri: string;
  type: string | undefined;
  digestMethod: string;
  digest: DigestName | undefined;
  digestValue: Buffer;
  target: Document | Element;
  c14n: C14nOptions;
}

export interface XmlSignature {
  element: Element;
  id: string | undefined;
  signedInfo: Element;
  signedInfoC14n: C14nOptions;
  signatureMethodUri: string;
  signatureMethod: SignatureMethod | undefined;
  references: SignatureReference[];
  signatureValue: Buffer;
  signatureValueElement: Element;
  keyInfoCertificates: Buffer[];
}

function base64(el: Element | undefined, what: string): Buffer {
  const text = textOf(el);
  if (text === undefined) throw new SignatureFormatError(`${what} is missing`);
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new SignatureFormatError(`${what} is not base64`);
  return Buffer.from(compact, 'base64');
}

function only(parent: Element, ns: string, name: string): Element {
  const found = childElements(parent, ns, name);
  if (found.length !== 1) throw new SignatureFormatError(`expected one ${name} in ${parent.localName}, found ${found.length}`);
  return found[0]!;
}

/** Every element's Id/ID/id attribute; a value used twice is refused (two targets for one reference). */
function collectIds(doc: Document): Map<string, Element> {
  const ids = new Map<string, Element>();
  const walk = (el: Element): void => {
    for (const attrName of ['Id', 'ID', 'id']) {
      const value = el.getAttribute(attrName);
      if (value !== null && value !== '') {
        if (ids.has(value)) throw new SignatureFormatError(`Id "${value}" is used more than once`);
        ids.set(value, el);
      }
    }
    for (let n = el.firstChild; n !== null; n = n.nextSibling) if (n.nodeType === 1) walk(n as Element);
  };
  walk(doc.documentElement);
  return ids;
}

function c14nOptions(method: Element | undefined, what: string, commentsAllowed: boolean): C14nOptions {
  const uri = method?.getAttribute('Algorithm') ?? '';
  if (!isC14nAlgorithm(uri)) throw new SignatureFormatError(`${what}: unsupported canonicalization ${uri}`);
  const prefixes = method && firstChild(method, EC14N_NS, 'InclusiveNamespaces')?.getAttribute('PrefixList');
  const { exclusive, withComments } = C14N_ALGORITHMS[uri];
  return {
    exclusive,
    withComments: withComments && commentsAllowed,
    inclusivePrefixes: prefixes ? prefixes.split(/\s+/).filter(Boolean) : undefined,
  };
}

function reference(ref: Element, doc: Document, signature: Element, ids: Map<string, Element>): SignatureReference {
  const uri = ref.getAttribute('URI');
  if (uri === null) throw new SignatureFormatError('a Reference has no URI');
  let enveloped = false;
  // A node-set handed to the digest without an explicit canonicalization is serialised with inclusive c14n 1.0.
  let c14n: C14nOptions = { exclusive: false, withComments: false };
  let explicitC14n = false;
  const transforms = firstChild(ref, DSIG_NS, 'Transforms');
  if (transforms !== undefined) {
    for (const t of childElements(transforms, DSIG_NS, 'Transform')) {
      const alg = t.getAttribute('Algorithm') ?? '';
      if (alg === ENVELOPED && !enveloped && !explicitC14n) enveloped = true;
      else if (isC14nAlgorithm(alg) && !explicitC14n) {
        // Same-document references never carry comments (XMLDSig 4.4.3.3), whatever the algorithm says.
        c14n = c14nOptions(t, 'Transform', false);
        explicitC14n = true;
      } else throw new SignatureFormatError(`unsupported or repeated transform ${alg}`);
    }
  }
  let target: Document | Element;
  if (uri === '') {
    if (!enveloped) throw new SignatureFormatError('a whole-document reference must use the enveloped-signature transform');
    target = doc;
    c14n = { ...c14n, exclude: signature };
  } else if (uri.startsWith('#') && uri.length > 1) {
    const el = ids.get(uri.slice(1));
    if (el === undefined) throw new SignatureFormatError(`Reference ${uri} points to nothing`);
    target = el;
    if (enveloped) c14n = { ...c14n, exclude: signature };
  } else {
    throw new SignatureFormatError(`only same-document references are accepted, not "${uri}"`);
  }
  const digestMethodEl = only(ref, DSIG_NS, 'DigestMethod');
  const digestMethod = digestMethodEl.getAttribute('Algorithm') ?? '';
  return {
    uri,
    type: ref.getAttribute('Type') ?? undefined,
    digestMethod,
    digest: DIGEST_METHODS[digestMethod],
    digestValue: base64(firstChild(ref, DSIG_NS, 'DigestValue'), 'DigestValue'),
    target,
    c14n,
  };
}

/**
 * RSASSA-PSS with explicit parameters: the digest (SHA-256 by default), MGF1 over that same digest (another mask
 * digest is refused, as Node cannot verify it), the salt length (the digest length by default), trailer 1.
 */
function rsaPssMethod(method: Element): SignatureMethod | undefined {
  const params = firstChild(method, RSA_PSS_PARAMS_NS, 'RSAPSSParams');
  const digestUri = params && firstChild(params, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm');
  const digest = digestUri ? DIGEST_METHODS[digestUri] : 'sha256';
  if (digest === undefined) return undefined;
  const mgf = params && firstChild(params, RSA_PSS_PARAMS_NS, 'MaskGenerationFunction');
  const mgfDigestUri = mgf && firstChild(mgf, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm');
  if (mgfDigestUri && DIGEST_METHODS[mgfDigestUri] !== digest) return undefined;
  const salt = textOf(params && firstChild(params, RSA_PSS_PARAMS_NS, 'SaltLength'));
  const trailer = textOf(params && firstChild(params, RSA_PSS_PARAMS_NS, 'TrailerField'));
  if ((salt !== undefined && !/^\d{1,4}$/.test(salt)) || (trailer !== undefined && trailer !== '1')) return undefined;
  return { key: 'rsa', digest, pss: { saltLength: salt === undefined ? DIGEST_BYTES[digest] : Number(salt) } };
}

/** Reads the evidence's signature; throws SignatureFormatError when it falls outside the profile. */
export function readSignature(doc: Document): XmlSignature {
  const all = doc.getElementsByTagNameNS(DSIG_NS, 'Signature');
  if (all.length !== 1) throw new SignatureFormatError(`expected exactly one ds:Signature, found ${all.length}`);
  const element = all[0]!;
  if (element.parentNode !== doc.documentElement) {
    throw new SignatureFormatError('the signature is not enveloped in the evidence (not a child of its root)');
  }
  const ids = collectIds(doc);
  const signedInfo = only(element, DSIG_NS, 'SignedInfo');
  const signatureMethodElement = only(signedInfo, DSIG_NS, 'SignatureMethod');
  const signatureMethodUri = signatureMethodElement.getAttribute('Algorithm') ?? '';
  const refs = childElements(signedInfo, DSIG_NS, 'Reference');
  if (refs.length === 0) throw new SignatureFormatError('SignedInfo has no Reference');
  const signatureValueElement = only(element, DSIG_NS, 'SignatureValue');
  const keyInfo = firstChild(element, DSIG_NS, 'KeyInfo');
  const keyInfoCertificates = keyInfo
    ? childElements(keyInfo, DSIG_NS, 'X509Data').flatMap((d) =>
        childElements(d, DSIG_NS, 'X509Certificate').map((c) => base64(c, 'X509Certificate')),
      )
    : [];
  const references = refs.map((r) => reference(r, doc, element, ids));
  // A signature over its own properties alone would leave the evidence unsigned.
  if (!references.some((r) => r.target === doc || r.target === doc.documentElement)) {
    throw new SignatureFormatError('no reference covers the evidence itself');
  }
  return {
    element,
    id: element.getAttribute('Id') ?? undefined,
    signedInfo,
    signedInfoC14n: c14nOptions(only(signedInfo, DSIG_NS, 'CanonicalizationMethod'), 'SignedInfo', true),
    signatureMethodUri,
    signatureMethod: signatureMethodUri === RSA_PSS_METHOD ? rsaPssMethod(signatureMethodElement) : SIGNATURE_METHODS[signatureMethodUri],
    references,
    signatureValue: base64(signatureValueElement, 'SignatureValue'),
    signatureValueElement,
    keyInfoCertificates,
  };
}

/** The references whose digest does not match (by URI); empty when all hold. Unknown digest methods count as failed. */
export function failedReferences(sig: XmlSignature): string[] {
  const failed: string[] = [];
  for (const ref of sig.references) {
    if (ref.digest === undefined) {
      failed.push(ref.uri || '(document)');
      continue;
    }
    const actual = createHash(ref.digest).update(canonicalize(ref.target, ref.c14n), 'utf8').digest();
    if (!actual.equals(ref.digestValue)) failed.push(ref.uri || '(document)');
  }
  return failed;
}

/** Checks SignatureValue over the canonical SignedInfo with `key`; false on any mismatch of key and method. */
export function signatureValueHolds(sig: XmlSignature, key: KeyObject): boolean {
  const method = sig.signatureMethod;
  if (method === undefined) return false;
  const keyType = key.asymmetricKeyType === 'rsa-pss' ? 'rsa' : key.asymmetricKeyType;
  if (keyType !== method.key) return false;
  const data = Buffer.from(canonicalize(sig.signedInfo, sig.signedInfoC14n), 'utf8');
  try {
    const options =
      method.key === 'ec'
        ? { key, dsaEncoding: 'ieee-p1363' as const }
        : method.pss
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: method.pss.saltLength }
          : key;
    return verifySignature(method.digest, data, options, sig.signatureValue);
  } catch {
    return false;
  }
}
