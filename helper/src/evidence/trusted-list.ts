// An ETSI TS 119 612 trusted list, read offline from a file: each trust service with its type, digital identities
// (certificates) and status history, so that a service's status can be asked at any past time; for the EU list of
// trusted lists (LOTL), its pointers to the national lists with the certificates allowed to sign each. Whether the
// list is trusted is its signature's business (trusted-list-signature.ts): an untrusted list is still read, so that
// the report can say what it claims, but its certificates are never trust anchors.
import { CertificateError, parseCertificate, type Certificate } from './certificate.ts';
import { descend, childElements, firstChild, parseXmlSafely, textOf, XmlFormatError } from './safe-xml.ts';
import { checkTrustedListSignature, type TrustedListSignature } from './trusted-list-signature.ts';

export const TSL_NS = 'http://uri.etsi.org/02231/v2#';
const TSL_ADDITIONAL_NS = 'http://uri.etsi.org/02231/v2/additionaltypes#';
const TSL_XML_MIME_TYPE = 'application/vnd.etsi.tsl+xml';

export const SERVICE_TYPES = {
  qualifiedRem: 'http://uri.etsi.org/TrstSvc/Svctype/EDS/REM/Q',
  qualifiedEds: 'http://uri.etsi.org/TrstSvc/Svctype/EDS/Q',
  rem: 'http://uri.etsi.org/TrstSvc/Svctype/EDS/REM',
  qualifiedTimestamp: 'http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST',
  timestamp: 'http://uri.etsi.org/TrstSvc/Svctype/TSA',
} as const;

/** Service types that make a registered-delivery provider qualified (issue 6, ETSI TS 119 612 clause 5.5.1). */
export const QUALIFIED_DELIVERY_TYPES: ReadonlySet<string> = new Set([
  SERVICE_TYPES.qualifiedRem,
  SERVICE_TYPES.qualifiedEds,
]);
export const TIMESTAMP_TYPES: ReadonlySet<string> = new Set([
  SERVICE_TYPES.qualifiedTimestamp,
  SERVICE_TYPES.timestamp,
]);

/** "granted" (eIDAS) and its pre-eIDAS equivalents. */
const POSITIVE_STATUSES: ReadonlySet<string> = new Set([
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted',
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel',
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited',
  'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/undersupervision',
]);

export interface ServicePeriod {
  from: Date;
  type: string;
  status: string;
}

export interface TrustService {
  providerName: string;
  serviceName: string;
  /** Empty when the service is void (one of its certificates is unreadable). */
  certificates: Certificate[];
  /** Oldest first; each period lasts until the next one starts. */
  periods: ServicePeriod[];
  /** Why the service cannot be used; set when a certificate of its digital identity is unreadable. */
  voidReason?: string;
}

/** A LOTL's pointer to a national trusted list: where it is published and who may sign it. */
export interface TrustedListPointer {
  territory: string;
  location: string;
  /** Certificates the LOTL publishes for that list's scheme operator (several, for key rollover). */
  signers: Certificate[];
}

export interface TrustedList {
  territory: string | undefined;
  signature: TrustedListSignature;
  /** Where the pinned signer certificates came from (a file, or the LOTL that published them). */
  pinnedBy: string | undefined;
  issueDate: Date | undefined;
  nextUpdate: Date | undefined;
  services: TrustService[];
  /** Pointers to other lists (in the LOTL); empty in a national list. */
  pointers: TrustedListPointer[];
}

/** True when the list's signature verifies with a pinned certificate: only then are its certificates trust anchors. */
export function isTrusted(list: TrustedList): boolean {
  return list.signature.problem === undefined;
}

export class TrustedListError extends Error {
  override name = 'TrustedListError';
}

function name(parent: Element | undefined): string {
  if (parent === undefined) return '';
  const names = childElements(parent, TSL_NS, 'Name');
  const english = names.find((n) => n.getAttribute('xml:lang') === 'en');
  return textOf(english ?? names[0]) ?? '';
}

function date(el: Element | undefined, what: string): Date | undefined {
  const text = textOf(el);
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new TrustedListError(`${what} is not a date: ${text}`);
  return d;
}

/** The certificates of one ServiceDigitalIdentity; throws CertificateError when one is unreadable. */
function certificatesOf(identity: Element | undefined): Certificate[] {
  if (identity === undefined) return [];
  const certs: Certificate[] = [];
  for (const digitalId of childElements(identity, TSL_NS, 'DigitalId')) {
    const b64 = textOf(firstChild(digitalId, TSL_NS, 'X509Certificate'));
    if (b64 !== undefined) certs.push(parseCertificate(Buffer.from(b64.replace(/\s+/g, ''), 'base64')));
  }
  return certs;
}

function pointersOf(scheme: Element | undefined): TrustedListPointer[] {
  const list = scheme && firstChild(scheme, TSL_NS, 'PointersToOtherTSL');
  if (list === undefined) return [];
  const pointers: TrustedListPointer[] = [];
  for (const pointer of childElements(list, TSL_NS, 'OtherTSLPointer')) {
    const info = childElements(firstChild(pointer, TSL_NS, 'AdditionalInformation') ?? pointer, TSL_NS, 'OtherInformation');
    const territory = info.map((i) => textOf(firstChild(i, TSL_NS, 'SchemeTerritory'))).find(Boolean);
    const mimeType = info.map((i) => textOf(firstChild(i, TSL_ADDITIONAL_NS, 'MimeType'))).find(Boolean);
    const location = textOf(firstChild(pointer, TSL_NS, 'TSLLocation'));
    // The LOTL points to each list twice, as XML and as PDF: only the XML one is machine-readable.
    if (territory === undefined || location === undefined || (mimeType !== undefined && mimeType !== TSL_XML_MIME_TYPE)) continue;
    const identities = childElements(firstChild(pointer, TSL_NS, 'ServiceDigitalIdentities') ?? pointer, TSL_NS, 'ServiceDigitalIdentity');
    // An unreadable certificate drops that one signer; the others still allow the list.
    const signers = identities.flatMap((identity) => {
      try {
        return certificatesOf(identity);
      } catch (error) {
        if (error instanceof CertificateError) return [];
        throw error;
      }
    });
    pointers.push({ territory, location, signers });
  }
  return pointers;
}

function period(el: Element): ServicePeriod {
  const type = textOf(firstChild(el, TSL_NS, 'ServiceTypeIdentifier'));
  const status = textOf(firstChild(el, TSL_NS, 'ServiceStatus'));
  const from = date(firstChild(el, TSL_NS, 'StatusStartingTime'), 'StatusStartingTime');
  if (type === undefined || status === undefined || from === undefined) {
    throw new TrustedListError('a service lacks ServiceTypeIdentifier, ServiceStatus or StatusStartingTime');
  }
  return { from, type, status };
}

/**
 * Parses a list and checks its signature against the pinned certificates (`pinnedBy` says where they came from).
 * Throws TrustedListError only when the bytes are not a TS 119 612 list at all; a list that is unsigned, altered or
 * signed by another key is returned untrusted, with the reason in `signature.problem`.
 */
export function parseTrustedList(bytes: Uint8Array, pinned: readonly Certificate[] = [], pinnedBy?: string): TrustedList {
  let doc: Document;
  try {
    doc = parseXmlSafely(bytes);
  } catch (error) {
    if (error instanceof XmlFormatError) throw new TrustedListError(`trusted list: ${error.message}`);
    throw error;
  }
  const root = doc.documentElement;
  if (root.namespaceURI !== TSL_NS || root.localName !== 'TrustServiceStatusList') {
    throw new TrustedListError('not an ETSI TS 119 612 TrustServiceStatusList');
  }
  const signature = checkTrustedListSignature(doc, pinned);
  const scheme = firstChild(root, TSL_NS, 'SchemeInformation');
  const services: TrustService[] = [];
  for (const tsp of childElements(firstChild(root, TSL_NS, 'TrustServiceProviderList') ?? root, TSL_NS, 'TrustServiceProvider')) {
    const providerName = name(descend(tsp, TSL_NS, 'TSPInformation', 'TSPName'));
    for (const service of childElements(firstChild(tsp, TSL_NS, 'TSPServices') ?? tsp, TSL_NS, 'TSPService')) {
      const info = firstChild(service, TSL_NS, 'ServiceInformation');
      if (info === undefined) throw new TrustedListError('a TSPService has no ServiceInformation');
      const periods = [period(info)];
      const history = firstChild(service, TSL_NS, 'ServiceHistory');
      if (history !== undefined) {
        for (const instance of childElements(history, TSL_NS, 'ServiceHistoryInstance')) periods.push(period(instance));
      }
      periods.sort((a, b) => a.from.getTime() - b.from.getTime());
      const serviceName = name(firstChild(info, TSL_NS, 'ServiceName'));
      // One unreadable certificate voids its service, not the whole list (TS 119 612 identifies a service by all of
      // its digital identities together: a part of them is not that service).
      try {
        services.push({ providerName, serviceName, certificates: certificatesOf(firstChild(info, TSL_NS, 'ServiceDigitalIdentity')), periods });
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
        services.push({ providerName, serviceName, certificates: [], periods, voidReason: `a certificate of the service is unreadable: ${error.message}` });
      }
    }
  }
  return {
    territory: textOf(scheme && firstChild(scheme, TSL_NS, 'SchemeTerritory')),
    signature,
    pinnedBy: signature.pinned ? pinnedBy : undefined,
    issueDate: scheme && date(firstChild(scheme, TSL_NS, 'ListIssueDateTime'), 'ListIssueDateTime'),
    nextUpdate: scheme && date(descend(scheme, TSL_NS, 'NextUpdate', 'dateTime'), 'NextUpdate'),
    services,
    pointers: pointersOf(scheme),
  };
}

/** The period in force at `time`, or undefined before the service was first listed. */
export function periodAt(service: TrustService, time: Date): ServicePeriod | undefined {
  let current: ServicePeriod | undefined;
  for (const p of service.periods) {
    if (p.from <= time) current = p;
    else break;
  }
  return current;
}

export function isPositiveStatus(status: string): boolean {
  return POSITIVE_STATUSES.has(status);
}

/** The services whose digital identity is this exact certificate. */
export function servicesOf(list: TrustedList, cert: Certificate): TrustService[] {
  return list.services.filter((s) => s.certificates.some((c) => c.sha256 === cert.sha256));
}

/** Every certificate the list names, as trust anchors; none when the list itself is not trusted. */
export function anchorCertificates(list: TrustedList): Certificate[] {
  return isTrusted(list) ? list.services.flatMap((s) => s.certificates) : [];
}

/** Every certificate the list names, trusted or not: to say in a report where a chain would have led. */
export function listedCertificates(list: TrustedList): Certificate[] {
  return list.services.flatMap((s) => s.certificates);
}
