import { describe, expect, it } from 'vitest';
import { formatEntry, intlLocaleOf, languageOfLocale, pluralForm } from './message-catalog.ts';

describe('messages.json resolution', () => {
  it('substitutes $1..$9 and keeps $$ as a dollar', () => {
    expect(formatEntry({ message: '$1 of $2 archived ($$)' }, [3, 'ten'])).toBe('3 of ten archived ($)');
    expect(formatEntry({ message: 'missing $2' }, ['a'])).toBe('missing ');
  });

  it('expands named placeholders before substitutions', () => {
    expect(formatEntry({ message: 'Hello $who$!', placeholders: { who: { content: '$1' } } }, ['Anne'])).toBe('Hello Anne!');
  });

  it('chooses plural forms like @wxt-dev/i18n', () => {
    expect(pluralForm('1 message | 5 messages', 1)).toBe('1 message');
    expect(pluralForm('1 message | 5 messages', 5)).toBe('5 messages');
    expect(pluralForm('none | one | many', 0)).toBe('none');
    expect(pluralForm('plain', 4)).toBe('plain');
  });

  it('maps browser locales to the four languages, English otherwise', () => {
    expect(['fr', 'nl_BE', 'de-DE', 'en-US', 'es', 'pt_BR'].map(languageOfLocale)).toEqual(['fr', 'nl', 'de', 'en', 'en', 'en']);
    expect(intlLocaleOf('nl')).toBe('nl-BE');
  });
});
