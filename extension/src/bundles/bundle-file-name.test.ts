import { describe, expect, it } from 'vitest';
import { bundleFileName, companyOfSubject } from './bundle-file-name.ts';

describe('bundle file names', () => {
  it('takes the organisation of the signing identity, else its common name', () => {
    expect(companyOfSubject('CN=Jan Peeters, O=Brasserie Dupont SRL, C=BE')).toBe('Brasserie Dupont SRL');
    expect(companyOfSubject('C=BE, O=Acme\\, Inc., CN=seal')).toBe('Acme, Inc.');
    expect(companyOfSubject('CN=e-Box Keeper development')).toBe('e-Box Keeper development');
    expect(companyOfSubject('C=BE')).toBeUndefined();
  });

  it('names the file e-box-bundle-<company>-<date>.asice, safe on any file system', () => {
    const day = new Date('2026-11-23T22:30:00Z');
    expect(bundleFileName('Brasserie Dupont SRL', day)).toBe('e-box-bundle-brasserie-dupont-srl-2026-11-23.asice');
    expect(bundleFileName('Société Générale / Zürich: "Ä"', day)).toBe('e-box-bundle-societe-generale-zurich-a-2026-11-23.asice');
    expect(bundleFileName(undefined, day)).toBe('e-box-bundle-company-2026-11-23.asice');
    expect(bundleFileName('x'.repeat(200), day)).toHaveLength('e-box-bundle--2026-11-23.asice'.length + 60);
  });
});
