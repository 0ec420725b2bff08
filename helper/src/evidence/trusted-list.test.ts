import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceLibrary, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { WITHDRAWN_AT } from '../../../test/qerds/trusted-list.ts';
import { parseCertificate } from './certificate.ts';
import { anchorCertificates, isPositiveStatus, isTrusted, parseTrustedList, periodAt, SERVICE_TYPES, servicesOf, TrustedListError } from './trusted-list.ts';

let library: EvidenceLibrary;
beforeAll(async () => {
  library = await evidenceLibrary();
}, 120_000);
const encode = (s: string) => new TextEncoder().encode(s);

describe('parseTrustedList (ETSI TS 119 612)', () => {
  it('reads providers, services, digital identities and the scheme dates', () => {
    const list = parseTrustedList(library.trustedList);
    expect(list.territory).toBe('BE');
    expect(list.nextUpdate?.toISOString()).toBe('2027-05-01T00:00:00.000Z');
    expect(list.services.map((s) => [s.providerName, s.serviceName, s.periods.at(-1)!.type])).toEqual([
      ['Sandbox QERDS', 'Sandbox QERDS registered delivery', SERVICE_TYPES.qualifiedRem],
      ['Sandbox QERDS', 'Sandbox QERDS TSU 1', SERVICE_TYPES.qualifiedTimestamp],
      ['Sandbox QERDS', 'Sandbox QERDS TSU 2', SERVICE_TYPES.qualifiedTimestamp],
      ['Plain ERDS', 'Plain ERDS registered delivery', SERVICE_TYPES.rem],
      ['Plain ERDS', 'Plain TSU', SERVICE_TYPES.timestamp],
      ['Withdrawn QERDS', 'Withdrawn QERDS registered delivery', SERVICE_TYPES.qualifiedRem],
    ]);
    const ca = parseCertificate(new Uint8Array(library.pki.issuingCa.cert.rawData));
    expect(servicesOf(list, ca).map((s) => s.serviceName)).toEqual(['Sandbox QERDS registered delivery']);
  });

  it('answers a service status at any time from its history', () => {
    const withdrawn = parseTrustedList(library.trustedList).services.find((s) => s.providerName === 'Withdrawn QERDS')!;
    const before = new Date(new Date(WITHDRAWN_AT).getTime() - 1);
    expect(periodAt(withdrawn, new Date('2024-12-31T00:00:00Z'))).toBeUndefined();
    expect(isPositiveStatus(periodAt(withdrawn, before)!.status)).toBe(true);
    expect(isPositiveStatus(periodAt(withdrawn, new Date(WITHDRAWN_AT))!.status)).toBe(false);
  });

  it('trusts the list only when a pinned certificate signed it, and says why not otherwise', () => {
    const operator = parseCertificate(new Uint8Array(library.pki.listOperator.cert.rawData));
    const other = parseCertificate(new Uint8Array(library.pki.root.cert.rawData));
    const trusted = parseTrustedList(library.trustedList, [other, operator], 'signers.pem');
    expect([trusted.signature, trusted.pinnedBy, isTrusted(trusted)]).toEqual([{ signedBy: operator, pinned: true, problem: undefined }, 'signers.pem', true]);
    expect(anchorCertificates(trusted).length).toBe(6);
    const cases: [string, ReturnType<typeof parseTrustedList>, RegExp][] = [
      ['no pin', parseTrustedList(library.trustedList), /signed by CN=Sandbox Trusted List Operator.*no signer is pinned/],
      ['another pin', parseTrustedList(library.trustedList, [other]), /not one of the 1 pinned signers/],
      ['altered', parseTrustedList(encode(new TextDecoder().decode(library.trustedList).replace('EDS/REM</tsl:ServiceTypeIdentifier>', 'EDS/REM/Q</tsl:ServiceTypeIdentifier>')), [operator]), /altered after it was signed/],
      ['unsigned', parseTrustedList(encode(new TextDecoder().decode(library.trustedList).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')), [operator]), /not signed/],
    ];
    for (const [name, list, reason] of cases) {
      expect({ name, trusted: isTrusted(list), anchors: anchorCertificates(list).length }).toEqual({ name, trusted: false, anchors: 0 });
      expect(list.signature.problem, name).toMatch(reason);
    }
  });

  it('refuses what is not a trusted list, with a TrustedListError', () => {
    const refusals = [
      '<x/>',
      '<!DOCTYPE x><x/>',
      '<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#"><tsl:TrustServiceProviderList><tsl:TrustServiceProvider><tsl:TSPServices><tsl:TSPService/></tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList></tsl:TrustServiceStatusList>',
      new TextDecoder().decode(library.trustedList).replace('2025-01-01T00:00:00Z', 'soon'),
    ];
    for (const xml of refusals) expect(() => parseTrustedList(encode(xml)), xml.slice(0, 60)).toThrow(TrustedListError);
  });

  it('voids only the service whose certificate is unreadable, not the list', () => {
    const broken = new TextDecoder().decode(library.trustedList).replace(/<tsl:X509Certificate>MII/, '<tsl:X509Certificate>AAA');
    const list = parseTrustedList(encode(broken));
    expect(list.services.map((s) => [s.serviceName, s.certificates.length, s.voidReason !== undefined])).toEqual([
      ['Sandbox QERDS registered delivery', 0, true],
      ['Sandbox QERDS TSU 1', 1, false],
      ['Sandbox QERDS TSU 2', 1, false],
      ['Plain ERDS registered delivery', 1, false],
      ['Plain TSU', 1, false],
      ['Withdrawn QERDS registered delivery', 1, false],
    ]);
  });
});
