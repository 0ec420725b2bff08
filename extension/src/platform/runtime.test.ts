import { describe, expect, it } from 'vitest';
import { hostPattern } from './runtime.ts';

describe('hostPattern', () => {
  it('names the origin without its port, as both browsers grant it', () => {
    expect(hostPattern('http://127.0.0.1:34241')).toBe('http://127.0.0.1/*');
    expect(hostPattern('https://app.eboxenterprise.be')).toBe('https://app.eboxenterprise.be/*');
    expect(hostPattern('https://qerds.example.eu:8443')).toBe('https://qerds.example.eu/*');
    expect(hostPattern('http://[::1]:8080')).toBe('http://[::1]/*');
  });
});
