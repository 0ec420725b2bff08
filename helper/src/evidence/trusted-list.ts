// An ETSI TS 119 612 trusted list, read offline from a file: each trust service with its type, digital identities
// (certificates) and status history, so that a service's status can be asked at any past time.
import { CertificateError, parseCertificate, type Certificate } from './certificate.ts';
import { descend, childElements, firstChild, parseXmlSafely, textOf, XmlFormatError } from './safe-xml.ts';
import { checkTrustedListSignature, TrustedListSignatureError, type TrustedListSignature } from './trusted-list-signature.ts';

export const TSL_NS = 'http://uri.etsi.org/02231/v2#';

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
  certificates: Certificate[];
  /** Oldest first; each period lasts until the next one starts. */
  periods: ServicePeriod[];
}

export interface TrustedList {
  territory: string | undefined;
  signature: TrustedListSignature;
  issueDate: Date | undefined;
  nextUpdate: Date | undefined;
  services: TrustService[];
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

function certificatesOf(info: Element): Certificate[] {
  const identity = firstChild(info, TSL_NS, 'ServiceDigitalIdentity');
  if (identity === undefined) return [];
  const certs: Certificate[] = [];
  for (const digitalId of childElements(identity, TSL_NS, 'DigitalId')) {
    const b64 = textOf(firstChild(digitalId, TSL_NS, 'X509Certificate'));
    if (b64 === undefined) continue;
    try {
      certs.push(parseCertificate(Buffer.from(b64.replace(/\s+/g, ''), 'base64')));
    } catch (error) {
      if (error instanceof CertificateError) throw new TrustedListError(`a service certificate is unreadable: ${error.message}`);
      throw error;
    }
  }
  return certs;
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

/** Parses a list; with `pinnedOperator`, refuses it unless that certificate signed it. */
export function parseTrustedList(bytes: Uint8Array, pinnedOperator?: Certificate): TrustedList {
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
  let signature: TrustedListSignature;
  try {
    signature = checkTrustedListSignature(doc, pinnedOperator);
  } catch (error) {
    if (error instanceof TrustedListSignatureError) throw new TrustedListError(error.message);
    throw error;
  }
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
      services.push({
        providerName,
        serviceName: name(firstChild(info, TSL_NS, 'ServiceName')),
        certificates: certificatesOf(info),
        periods,
      });
    }
  }
  return {
    territory: textOf(scheme && firstChild(scheme, TSL_NS, 'SchemeTerritory')),
    signature,
    issueDate: scheme && date(firstChild(scheme, TSL_NS, 'ListIssueDateTime'), 'ListIssueDateTime'),
    nextUpdate: scheme && date(descend(scheme, TSL_NS, 'NextUpdate', 'dateTime'), 'NextUpdate'),
    services,
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

/** Every certificate the list names, as candidate trust anchors. */
export function anchorCertificates(list: TrustedList): Certificate[] {
  return list.services.flatMap((s) => s.certificates);
}
