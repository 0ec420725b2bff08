import { describe, expect, it } from 'vitest';
import { addressRefusal, evidenceUrlRefusal } from './evidence-origin.ts';

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

  it('refuses every other spelling of loopback and private addresses the URL parser accepts', () => {
    for (const bad of [
      'https://0177.0.0.1/x', // octal
      'https://017700000001/x', // octal, one number
      'https://127.1/x', // short form
      'https://0x7f000001/x',
      'https://0x0a.0.0.1/x',
      'https://0/x',
      'https://[0:0:0:0:0:0:0:1]/x',
      'https://[::]/x',
      'https://[::ffff:7f00:1]/x',
      'https://[::ffff:192.168.0.10]/x',
      'https://[::127.0.0.1]/x', // IPv4-compatible
      'https://[64:ff9b::a00:1]/x', // NAT64 of 10.0.0.1
      'https://[2002:c0a8:101::1]/x', // 6to4 of 192.168.1.1
      'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x', // Teredo
      'https://[fc00::1]/x',
      'https://[fdff:ffff::1]/x',
      'https://[febf::1]/x', // link-local, end of fe80::/10
      'https://[fec0::1]/x', // site-local
      'https://[ff02::1]/x',
      'https://LOCALHOST/x',
      'https://localhost./x',
      'https://a.b.localhost/x',
      'https://qerds.provider.internal/x',
      'https://localtest.me/x',
      'https://app.lvh.me/x',
      'https://127.0.0.1.nip.io/x',
      'https://qerds.10.0.0.5.sslip.io/x',
      'https://evidence-192-168-1-20.sslip.io/x',
      'https://7f000001.nip.io/x',
    ])
      expect(evidenceUrlRefusal(bad), bad).not.toBeNull();
  });

  it('does not take public names and addresses for local ones', () => {
    for (const ok of [
      'https://[::ffff:93.184.216.34]/x',
      'https://[64:ff9b::5db8:d822]/x', // NAT64 of 93.184.216.34
      'https://8.8.8.8.nip.io/x',
      'https://eid-10.qerds.eu/e',
      'https://172.32.0.1/x', // just past 172.16.0.0/12
      'https://[2a00:1450:4001::200e]/x',
    ])
      expect(evidenceUrlRefusal(ok), ok).toBeNull();
  });

  it('judges resolved addresses the same way', () => {
    for (const bad of ['127.0.0.53', '10.20.30.40', '::1', 'fe80::1', '::ffff:169.254.169.254', 'fd12:3456::1']) expect(addressRefusal(bad), bad).not.toBeNull();
    for (const ok of ['93.184.216.34', '2a00:1450:4001::200e']) expect(addressRefusal(ok), ok).toBeNull();
    expect(addressRefusal('not-an-address')).not.toBeNull();
  });

  it('lets the sandbox build reach its own provider on http://127.0.0.1 only', () => {
    expect(evidenceUrlRefusal('http://127.0.0.1:5182/qerds/Q-1/evidence/submission.xml', true)).toBeNull();
    expect(evidenceUrlRefusal('http://10.0.0.1/x', true)).not.toBeNull();
    expect(evidenceUrlRefusal('http://127.0.0.1:5182/x', false)).not.toBeNull();
  });
});
