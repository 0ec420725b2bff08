import { describe, expect, it } from 'vitest';
import { brusselsTime, cliLanguage, companyText, messages, openerText } from './catalogue.ts';
import { LANGUAGES } from '../../../shared/ebox/model.ts';

describe('the helper catalogue', () => {
  it('takes the CLI language from --lang, else LC_ALL, LC_MESSAGES, LANG, else English', () => {
    expect(cliLanguage('nl', { LANG: 'fr_BE.UTF-8' })).toBe('nl');
    expect(cliLanguage(undefined, { LC_ALL: 'de_BE.UTF-8', LANG: 'fr_BE.UTF-8' })).toBe('de');
    expect(cliLanguage(undefined, { LANG: 'fr_BE.UTF-8' })).toBe('fr');
    expect(cliLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(cliLanguage('es', {})).toBe('en');
  });

  it('writes Brussels time with the offset of that day (winter +01:00, summer +02:00)', () => {
    expect(brusselsTime('2026-03-29T00:59:59Z', 'fr')).toBe('29/03/2026 01:59:59 (UTC+01:00)');
    expect(brusselsTime('2026-03-29T01:00:00Z', 'fr')).toBe('29/03/2026 03:00:00 (UTC+02:00)');
    expect(brusselsTime('2026-10-25T00:30:00Z', 'de')).toMatch(/^25\.10\.2026,? 02:30:00 \(UTC\+02:00\)$/);
    expect(brusselsTime('2026-10-25T01:30:00Z', 'de')).toMatch(/^25\.10\.2026,? 02:30:00 \(UTC\+01:00\)$/);
  });

  it('names an unknown opener by the receipt\'s own company only, never another one', () => {
    const enterprise = { cbe: '0403170701', name: 'Brasserie Exemple SRL' };
    expect(openerText({ openedBy: { name: 'Anne', email: 'a@example.be' }, enterprise }, 'en')).toBe('Anne <a@example.be>');
    expect(openerText({ openedBy: { unknownPerson: true }, enterprise }, 'nl')).toBe('onbekende persoon van Brasserie Exemple SRL (0403.170.701)');
    expect(openerText({ openedBy: { unknownPerson: true }, enterprise: null }, 'fr')).toBe('personne inconnue de entreprise inconnue');
    expect(companyText({ cbe: '0403170701' }, 'de')).toBe('0403.170.701');
  });

  it('has every message in the four languages, each different from English except the verdict codes', () => {
    const en = messages('en');
    for (const language of LANGUAGES) {
      const m = messages(language);
      expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
      if (language === 'en') continue;
      expect(m.noTsa).not.toBe(en.noTsa);
      expect(m.tsaUnreachable('u', 'd')).not.toBe(en.tsaUnreachable('u', 'd'));
      expect(m.untrustedSigner('x')).not.toBe(en.untrustedSigner('x'));
    }
  });
});
