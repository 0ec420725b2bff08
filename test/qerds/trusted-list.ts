// The sandbox's trusted list in ETSI TS 119 612 XML: the sandbox QERDS (EDS/REM/Q, granted), its two TSUs
// (TSA/QTST), a plain non-qualified ERDS (EDS/REM) with its plain TSA, and a QERDS whose qualification was withdrawn in 2026. Signed
// like a real list, with an enveloped XAdES signature by its scheme operator (xadesjs).
import './xml-setup.ts';
import * as xmldom from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import type { Issued, QerdsPki } from './pki.ts';

const TSL_NS = 'http://uri.etsi.org/02231/v2#';
const STATUS = 'http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/';
const TYPE = 'http://uri.etsi.org/TrstSvc/Svctype/';

export const WITHDRAWN_AT = '2026-09-01T00:00:00Z';

interface ServiceSpec {
  type: string;
  name: string;
  cert: Issued;
  status: string;
  since: string;
  history?: { type: string; status: string; since: string }[];
}

function service(s: ServiceSpec): string {
  const history = (s.history ?? [])
    .map(
      (h) =>
        `<tsl:ServiceHistoryInstance><tsl:ServiceTypeIdentifier>${TYPE}${h.type}</tsl:ServiceTypeIdentifier>` +
        `<tsl:ServiceName><tsl:Name xml:lang="en">${s.name}</tsl:Name></tsl:ServiceName>` +
        `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509SKI>-</tsl:X509SKI></tsl:DigitalId></tsl:ServiceDigitalIdentity>` +
        `<tsl:ServiceStatus>${STATUS}${h.status}</tsl:ServiceStatus><tsl:StatusStartingTime>${h.since}</tsl:StatusStartingTime></tsl:ServiceHistoryInstance>`,
    )
    .join('');
  return (
    `<tsl:TSPService><tsl:ServiceInformation>` +
    `<tsl:ServiceTypeIdentifier>${TYPE}${s.type}</tsl:ServiceTypeIdentifier>` +
    `<tsl:ServiceName><tsl:Name xml:lang="en">${s.name}</tsl:Name></tsl:ServiceName>` +
    `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>${s.cert.base64}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>` +
    `<tsl:ServiceStatus>${STATUS}${s.status}</tsl:ServiceStatus><tsl:StatusStartingTime>${s.since}</tsl:StatusStartingTime>` +
    `</tsl:ServiceInformation>${history ? `<tsl:ServiceHistory>${history}</tsl:ServiceHistory>` : ''}</tsl:TSPService>`
  );
}

function provider(name: string, services: ServiceSpec[]): string {
  return (
    `<tsl:TrustServiceProvider><tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">${name}</tsl:Name></tsl:TSPName></tsl:TSPInformation>` +
    `<tsl:TSPServices>${services.map(service).join('')}</tsl:TSPServices></tsl:TrustServiceProvider>`
  );
}

/** The unsigned trusted list as XML text. */
export function unsignedTrustedListXml(pki: QerdsPki): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<tsl:TrustServiceStatusList xmlns:tsl="${TSL_NS}" Id="sandbox-tl" TSLTag="http://uri.etsi.org/19612/TSLTag">` +
    `<tsl:SchemeInformation><tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier><tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber>` +
    `<tsl:SchemeTerritory>BE</tsl:SchemeTerritory><tsl:ListIssueDateTime>2026-11-01T00:00:00Z</tsl:ListIssueDateTime>` +
    `<tsl:NextUpdate><tsl:dateTime>2027-05-01T00:00:00Z</tsl:dateTime></tsl:NextUpdate></tsl:SchemeInformation>` +
    `<tsl:TrustServiceProviderList>` +
    provider('Sandbox QERDS', [
      { type: 'EDS/REM/Q', name: 'Sandbox QERDS registered delivery', cert: pki.issuingCa, status: 'granted', since: '2020-01-01T00:00:00Z' },
      { type: 'TSA/QTST', name: 'Sandbox QERDS TSU 1', cert: pki.tsa, status: 'granted', since: '2020-01-01T00:00:00Z' },
      { type: 'TSA/QTST', name: 'Sandbox QERDS TSU 2', cert: pki.tsaWithoutCriticalEku, status: 'granted', since: '2025-06-01T00:00:00Z' },
    ]) +
    provider('Plain ERDS', [
      { type: 'EDS/REM', name: 'Plain ERDS registered delivery', cert: pki.nonQualifiedCa, status: 'granted', since: '2025-01-01T00:00:00Z' },
      { type: 'TSA', name: 'Plain TSU', cert: pki.nonQualifiedTsa, status: 'granted', since: '2020-01-01T00:00:00Z' },
    ]) +
    provider('Withdrawn QERDS', [
      {
        type: 'EDS/REM/Q', name: 'Withdrawn QERDS registered delivery', cert: pki.withdrawnCa, status: 'withdrawn', since: WITHDRAWN_AT,
        history: [{ type: 'EDS/REM/Q', status: 'granted', since: '2025-01-01T00:00:00Z' }],
      },
    ]) +
    `</tsl:TrustServiceProviderList></tsl:TrustServiceStatusList>`
  );
}

const signedLists = new WeakMap<QerdsPki, Promise<string>>();

/** The trusted list signed by the sandbox's scheme operator (signed once per PKI, then the same bytes). */
export function trustedListXml(pki: QerdsPki): Promise<string> {
  let list = signedLists.get(pki);
  if (list === undefined) {
    list = signList(pki);
    signedLists.set(pki, list);
  }
  return list;
}

async function signList(pki: QerdsPki): Promise<string> {
  const doc = xadesjs.Parse(unsignedTrustedListXml(pki));
  const signed = new xadesjs.SignedXml();
  await signed.Sign({ name: 'RSASSA-PKCS1-v1_5' }, pki.listOperator.keys.privateKey, doc, {
    x509: [pki.listOperator.base64],
    signingCertificateV2: pki.listOperator.base64,
    signingTime: { value: new Date('2026-11-01T00:00:00Z') },
    references: [{ uri: '', hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
  });
  doc.documentElement.appendChild(signed.GetXml()!);
  return new xmldom.XMLSerializer().serializeToString(doc as unknown as xmldom.Node);
}
