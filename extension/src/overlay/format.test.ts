import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format.ts';

describe('format', () => {
  it('sizes in decimal units, localised', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(1_500_000, 'fr')).toMatch(/^1,5\s?Mo$/);
    expect(formatBytes(250_000_000_000, 'de')).toMatch(/^250\sGB$/);
  });
  it('durations in seconds, minutes or hours', () => {
    expect(formatDuration(200, 'en')).toBe('1 second');
    expect(formatDuration(42_000, 'en')).toBe('42 seconds');
    expect(formatDuration(5 * 60_000, 'nl')).toBe('5 minuten');
    expect(formatDuration(3 * 3_600_000, 'en')).toBe('3 hours');
  });
});
