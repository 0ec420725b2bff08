import { describe, expect, it } from 'vitest';
import { formatCbe, normaliseCbe } from './enterprise.ts';

describe('normaliseCbe', () => {
  // Real, published CBE numbers: ONSS/RSZ 0206.731.645, SPF Finances 0308.357.159.
  it('reads the printed forms of real CBE numbers', () => {
    expect(normaliseCbe('0206.731.645')).toBe('0206731645');
    expect(normaliseCbe('BE 0308 357 159')).toBe('0308357159');
    expect(normaliseCbe('206731645')).toBe('0206731645');
  });
  it('refuses numbers whose check digits are wrong, or that are not CBE numbers', () => {
    expect(normaliseCbe('0206.731.646')).toBeUndefined();
    expect(normaliseCbe('2206731645')).toBeUndefined();
    expect(normaliseCbe('ONSS')).toBeUndefined();
    expect(normaliseCbe('')).toBeUndefined();
  });
  it('prints with dots', () => {
    expect(formatCbe('0206731645')).toBe('0206.731.645');
  });
});
