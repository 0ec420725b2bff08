import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceLibrary, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { WITHDRAWN_AT } from '../../../test/qerds/trusted-list.ts';
import { parseCertificate } from './certificate.ts';
import { isPositiveStatus, parseTrustedList, periodAt, SERVICE_TYPES, servicesOf, TrustedListError } from './trusted-list.ts';

let library: EvidenceLibrary;
beforeAll(async () => {
  library = await evidenceLibrary();
});
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

  it('checks the list\'s own signature, and its signer when one is pinned', () => {
    const operator = parseCertificate(new Uint8Array(library.pki.listOperator.cert.rawData));
    const other = parseCertificate(new Uint8Array(library.pki.root.cert.rawData));
    expect(parseTrustedList(library.trustedList).signature).toEqual({ signedBy: operator, pinned: false });
    expect(parseTrustedList(library.trustedList, operator).signature).toEqual({ signedBy: operator, pinned: true });
    expect(() => parseTrustedList(library.trustedList, other)).toThrow(/not by the pinned operator/);
    const altered = new TextDecoder().decode(library.trustedList).replace('EDS/REM</tsl:ServiceTypeIdentifier>', 'EDS/REM/Q</tsl:ServiceTypeIdentifier>');
    expect(() => parseTrustedList(encode(altered))).toThrow(/altered after it was signed/);
    const unsigned = new TextDecoder().decode(library.trustedList).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    expect(parseTrustedList(encode(unsigned)).signature).toEqual({ signedBy: undefined, pinned: false });
    expect(() => parseTrustedList(encode(unsigned), operator)).toThrow(/not signed/);
  });

  it('refuses what is not a trusted list, with a TrustedListError', () => {
    const refusals = [
      '<x/>',
      '<!DOCTYPE x><x/>',
      '<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#"><tsl:TrustServiceProviderList><tsl:TrustServiceProvider><tsl:TSPServices><tsl:TSPService/></tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList></tsl:TrustServiceStatusList>',
      new TextDecoder().decode(library.trustedList).replace(/<tsl:X509Certificate>MII/, '<tsl:X509Certificate>AAA'),
      new TextDecoder().decode(library.trustedList).replace('2025-01-01T00:00:00Z', 'soon'),
    ];
    for (const xml of refusals) expect(() => parseTrustedList(encode(xml)), xml.slice(0, 60)).toThrow(TrustedListError);
  });
});
