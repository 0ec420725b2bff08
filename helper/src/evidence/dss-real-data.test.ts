// The verifier on data nobody here wrote: the EU list of trusted lists and national lists, and real XAdES signatures,
// from the EU DSS project's test resources (test/fixtures/dss/README.md, helper/trusted-lists/README.md). The own
// canonicalization is held against xmlsec1 (libxml2) on every real signature: same canonical SignedInfo, same
// canonical bytes for every same-document reference, same verdict.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './c14n.ts';
import { parseCertificate, type Certificate } from './certificate.ts';
import { buildPath } from './chain.ts';
import { nationalListViaLotl, SNAPSHOT, snapshotLotlSigners } from './lotl.ts';
import { checkRevocation } from './revocation.ts';
import { decodeXml, parseXmlSafely } from './safe-xml.ts';
import { anchorCertificates, isTrusted, parseTrustedList } from './trusted-list.ts';
import { readXadesProperties } from './xades-properties.ts';
import { failedReferences, readSignature, signatureValueHolds } from './xml-signature.ts';

const run = promisify(execFile);
const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/dss');
const snapshot = (name: string) => new Uint8Array(readFileSync(join(SNAPSHOT.dir, name)));
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));
const lotl = snapshot(SNAPSHOT.lotl);
const be = snapshot(SNAPSHOT.national.BE!);

describe('real EU trusted lists (DSS lotlCache snapshot of September 2019)', () => {
  it('follows the LOTL, signed by an Official Journal certificate, to the Belgian list and its 4 published signers', () => {
    const { lotl: eu, pointer, list } = nationalListViaLotl(lotl, snapshotLotlSigners(), be, 'BE');
    expect([isTrusted(eu), eu.signature.signedBy?.subject]).toEqual([true, 'C=BE, CN=Patrick Kremer (Signature), SN=Kremer, G=Patrick Jean, 2.5.4.5=72020329970']);
    expect(pointer?.location).toBe('https://tsl.belgium.be/tsl-be.xml');
    expect(pointer?.signers).toHaveLength(4);
    expect([isTrusted(list), list.territory, list.signature.pinned, list.signature.signedBy?.subject]).toEqual([
      true, 'BE', true, 'CN=Belgian Trusted List Scheme Operator, O=FPS Economy\\, SMEs\\, Self-employed and Energy - Quality and Safety, C=BE',
    ]);
    expect(list.pinnedBy).toBe('the EU list of trusted lists of 2019-09-04T08:00:00.000Z');
    expect(anchorCertificates(list).length).toBeGreaterThan(20);
  });

  it('trusts neither list without the pins: unpinned LOTL, unpinned national list, the other country\'s signers, an unsigned copy', () => {
    const unpinnedLotl = nationalListViaLotl(lotl, [], be, 'BE').list;
    expect(unpinnedLotl.signature.problem).toMatch(/^the EU list of trusted lists is not trusted: .*no signer is pinned/);
    expect(parseTrustedList(be).signature.problem).toMatch(/signed by CN=Belgian Trusted List Scheme Operator.*no signer is pinned/);
    const luxembourg = nationalListViaLotl(lotl, snapshotLotlSigners(), be, 'LU').list;
    expect(luxembourg.signature.problem).toMatch(/not one of the \d pinned signers/);
    const unsigned = new TextEncoder().encode(new TextDecoder().decode(be).replace(/<(\w+:)?Signature\b[\s\S]*<\/\1?Signature>/, ''));
    expect(nationalListViaLotl(lotl, snapshotLotlSigners(), unsigned, 'BE').list.signature.problem).toBe('the trusted list is not signed');
    for (const list of [unpinnedLotl, luxembourg]) expect(anchorCertificates(list)).toEqual([]);
  });

  it('reads the Spanish list whole (a certificate @peculiar/x509 refused is read), and one broken certificate voids only its service', () => {
    const es = fixture('trusted-lists/ES.xml');
    const list = nationalListViaLotl(lotl, snapshotLotlSigners(), es, 'ES').list;
    expect(isTrusted(list)).toBe(true);
    expect(list.services.filter((s) => s.voidReason !== undefined)).toEqual([]);
    const certificates = list.services.reduce((n, s) => n + s.certificates.length, 0);
    // Break the first service certificate, after the list's signature was checked (the list is then untrusted, but
    // still read: the point is that one bad certificate does not make the list unreadable).
    const xml = new TextDecoder().decode(es);
    const at = xml.indexOf('<X509Certificate>MII', xml.indexOf('<TrustServiceProviderList'));
    const broken = parseTrustedList(new TextEncoder().encode(xml.slice(0, at) + '<X509Certificate>AAAA' + xml.slice(at + '<X509Certificate>MIIx'.length)));
    const voided = broken.services.filter((s) => s.voidReason !== undefined);
    expect(voided).toHaveLength(1);
    expect(broken.services.length).toBe(list.services.length);
    expect(broken.services.reduce((n, s) => n + s.certificates.length, 0)).toBe(certificates - list.services.find((s) => s.serviceName === voided[0]!.serviceName && s.providerName === voided[0]!.providerName)!.certificates.length);
  });

  it('follows the LOTL to Luxembourg too', () => {
    const list = nationalListViaLotl(lotl, snapshotLotlSigners(), fixture('trusted-lists/LU.xml'), 'LU').list;
    expect([isTrusted(list), list.territory]).toEqual([true, 'LU']);
  });
});

/** xmlsec1's canonical forms of SignedInfo and of each reference, and its verdict (--insecure: no trust decision). */
async function xmlsec1(file: string): Promise<{ verified: boolean; signedInfo: string | undefined; references: Map<string, string> }> {
  let out: string;
  let verified = true;
  try {
    out = (await run('xmlsec1', ['--verify', '--insecure', '--store-references', '--store-signatures', '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', file], { maxBuffer: 64 * 2 ** 20, encoding: 'utf8' })).stdout;
  } catch (error) {
    verified = false;
    out = (error as { stdout: string }).stdout;
  }
  const references = new Map<string, string>();
  for (const m of out.matchAll(/== URI: "([^"]*)"[\s\S]*?== PreDigest data - start buffer:\n([\s\S]*?)\n== PreDigest data - end buffer/g)) references.set(m[1]!, m[2]!);
  const signedInfo = /== PreSigned data - start buffer:\n([\s\S]*?)\n== PreSigned data - end buffer/.exec(out)?.[1];
  return { verified, signedInfo, references };
}

describe('real XAdES signatures (DSS dss-xades test resources) against xmlsec1', () => {
  const samples = readdirSync(join(FIXTURES, 'xades')).filter((f) => f.endsWith('.xml'));

  it('reads ISO-8859-1 and ISO-8859-2 documents as declared', () => {
    for (const name of ['Signature-X-UK_ASC-2.xml', 'Signature-X-HU_MIC-1.xml', 'BaselineBWithCertificateValues.xml']) {
      const bytes = fixture(`xades/${name}`);
      expect(decodeXml(bytes).slice(0, 60), name).toMatch(/encoding="ISO-8859-[12]"/);
      expect(parseXmlSafely(bytes).documentElement.localName, name).toBeDefined();
    }
    // Non-ASCII text in a declared single-byte encoding: the characters, not their bytes.
    const latin2 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-2"?><a>\xf5 \xe8</a>', 'latin1');
    expect(parseXmlSafely(latin2).documentElement.textContent).toBe('ő č');
    expect(() => parseXmlSafely(Buffer.from('<?xml version="1.0" encoding="x-unknown"?><a/>'))).toThrow(/not supported/);
  });

  it('canonicalizes SignedInfo and every same-document reference exactly as xmlsec1, and agrees on the verdict', async () => {
    let compared = 0;
    const verdicts: Record<string, boolean> = {};
    for (const name of samples) {
      const file = join(FIXTURES, 'xades', name);
      const doc = parseXmlSafely(fixture(`xades/${name}`));
      let sig;
      try {
        sig = readSignature(doc);
      } catch {
        continue; // outside the evidence profile (detached content): covered by the encoding test
      }
      const theirs = await xmlsec1(file);
      expect({ name, signedInfo: canonicalize(sig.signedInfo, sig.signedInfoC14n) }).toEqual({ name, signedInfo: theirs.signedInfo });
      for (const ref of sig.references) {
        expect({ name, uri: ref.uri, c14n: canonicalize(ref.target, ref.c14n) }).toEqual({ name, uri: ref.uri, c14n: theirs.references.get(ref.uri) });
      }
      const certificates = sig.keyInfoCertificates.map((der) => parseCertificate(der));
      const ours = failedReferences(sig).length === 0 && certificates.some((c) => signatureValueHolds(sig, c.publicKey));
      expect({ name, ours }).toEqual({ name, ours: theirs.verified });
      verdicts[name] = ours;
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(7);
    expect(Object.values(verdicts).filter(Boolean).length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('reads real embedded revocation data: OCSP responses (issuer or delegated responder) and CRLs', () => {
    const cases = [
      { name: 'xades-ocsp-not-embeds-certs.xml', kind: 'OCSP' },
      { name: 'dss1788-original.xml', kind: 'CRL' },
      { name: 'xades-enveloped-arcTst132.xml', kind: 'CRL' },
    ];
    for (const c of cases) {
      const sig = readSignature(parseXmlSafely(fixture(`xades/${c.name}`)));
      const props = readXadesProperties(sig);
      const certificates: Certificate[] = [...sig.keyInfoCertificates, ...props.certificateValues].map((der) => parseCertificate(der));
      const signer = certificates.find((cert) => signatureValueHolds(sig, cert.publicKey))!;
      const issuer = certificates.find((cert) => cert.subject === signer.issuer)!;
      const path = buildPath(signer, certificates, [issuer])!;
      const data = props.revocationValues.map((r) => ({ ...r, source: 'embedded' as const }));
      const issued = (at: string) => ({ bestSignatureTime: new Date(at), provenByTimestamp: true, claimedSigningTime: undefined, validationTime: new Date(at) });
      const verdict = checkRevocation(path, data, issued('2000-01-01T00:00:00Z'));
      expect({ name: c.name, failure: verdict.failure, uses: verdict.uses.map((u) => [u.kind, u.status, u.source]) }).toEqual({
        name: c.name, failure: undefined, uses: [[c.kind, 'good', 'embedded']],
      });
      // Data issued before the signature's proof of existence and no longer current says nothing: TRY_LATER.
      expect(checkRevocation(path, data, issued('2100-01-01T00:00:00Z')).failure?.subIndication, c.name).toBe('TRY_LATER');
    }
  });
});
