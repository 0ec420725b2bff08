import { describe, expect, it } from 'vitest';
import { evidenceUrlRefusal } from './evidence-origin.ts';

describe('evidence URL policy', () => {
  it('allows https providers on public names and addresses', () => {
    for (const ok of ['https://qerds.example.eu/c/1/evidence/handover.xml', 'https://93.184.216.34/x', 'https://[2001:db8::1]/x', 'https://provider.be:8443/e'])
      expect(evidenceUrlRefusal(ok), ok).toBeNull();
  });

  it('refuses http, loopback (the helper), private, link-local and local names, however they are written', () => {
    for (const bad of [
      'http://qerds.example.eu/e',
      'https://127.0.0.1:47615/v1/status',
      'https://2130706433/x', // 127.0.0.1 as one number
      'https://0x7f.1/x',
      'https://localhost/x',
      'https://helper.localhost/x',
      'https://printer.local/x',
      'https://10.1.2.3/x',
      'https://172.20.0.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/x',
      'https://0.0.0.0/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://intranet/x',
      'https://user:pw@qerds.example.eu/x',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(evidenceUrlRefusal(bad), bad).not.toBeNull();
  });

  it('lets the sandbox build reach its own provider on http://127.0.0.1 only', () => {
    expect(evidenceUrlRefusal('http://127.0.0.1:5182/qerds/Q-1/evidence/submission.xml', true)).toBeNull();
    expect(evidenceUrlRefusal('http://10.0.0.1/x', true)).not.toBeNull();
    expect(evidenceUrlRefusal('http://127.0.0.1:5182/x', false)).not.toBeNull();
  });
});
