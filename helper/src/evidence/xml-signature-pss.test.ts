// RSASSA-PSS XML signature methods (issue 13, item 13): real-world XAdES uses them, and no DSS sample has one, so
// the signature is made here: the SignedInfo canonicalized (c14n is checked against xmlsec1 elsewhere) and signed
// with openssl's RSASSA-PSS, outside the verifier.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalize } from './c14n.ts';
import { parseXmlSafely } from './safe-xml.ts';
import { failedReferences, readSignature, signatureValueHolds } from './xml-signature.ts';
import { digestAccepted } from './algorithms.ts';

const dir = mkdtempSync(join(tmpdir(), 'ebk-pss-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', join(dir, 'key.pem')]);
const publicKey = createPublicKey(readFileSync(join(dir, 'key.pem')));

const EXC = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const template = (method: string, digestValue: string, signatureValue: string) =>
  `<Evidence xmlns="urn:test"><Data>registered mail handed over</Data><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>` +
  `<ds:CanonicalizationMethod Algorithm="${EXC}"/>${method}<ds:Reference URI=""><ds:Transforms>` +
  `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="${EXC}"/></ds:Transforms>` +
  `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${digestValue}</ds:DigestValue></ds:Reference></ds:SignedInfo>` +
  `<ds:SignatureValue>${signatureValue}</ds:SignatureValue></ds:Signature></Evidence>`;
const parse = (xml: string) => parseXmlSafely(new TextEncoder().encode(xml));

/** An enveloped signature with `method` (the SignatureMethod element), PSS-signed by openssl with this digest and salt. */
function signed(method: string, digest: string, saltLength: number): string {
  const unsigned = readSignature(parse(template(method, 'AAAA', 'AAAA')));
  const ref = unsigned.references[0]!;
  const digestValue = createHash('sha256').update(canonicalize(ref.target, ref.c14n), 'utf8').digest('base64');
  const withDigest = readSignature(parse(template(method, digestValue, 'AAAA')));
  writeFileSync(join(dir, 'si.xml'), canonicalize(withDigest.signedInfo, withDigest.signedInfoC14n));
  const signature = execFileSync('openssl', [
    'dgst', `-${digest}`, '-sign', join(dir, 'key.pem'),
    '-sigopt', 'rsa_padding_mode:pss', '-sigopt', `rsa_pss_saltlen:${saltLength}`, '-sigopt', `rsa_mgf1_md:${digest}`,
    join(dir, 'si.xml'),
  ]).toString('base64');
  return template(method, digestValue, signature);
}

const verdict = (xml: string) => {
  const sig = readSignature(parse(xml));
  return { references: failedReferences(sig), value: signatureValueHolds(sig, publicKey), method: sig.signatureMethod };
};

describe('RSASSA-PSS XML signatures', () => {
  it('accepts sha256-rsa-MGF1 (RFC 6931 2.3.10) and refuses it once a signed byte changes', () => {
    const xml = signed('<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"/>', 'sha256', 32);
    expect(verdict(xml)).toMatchObject({ references: [], value: true, method: { key: 'rsa', digest: 'sha256', pss: { saltLength: 32 } } });
    expect(verdict(xml.replace('handed over', 'handed ower')).references).toEqual(['(document)']);
    // PKCS#1 v1.5 with the same key is another method: the PSS value does not hold as one.
    expect(verdict(xml.replace('sha256-rsa-MGF1', 'rsa-sha256').replace('2007/05/xmldsig-more#rsa-sha256', '2001/04/xmldsig-more#rsa-sha256')).value).toBe(false);
  });

  it('accepts rsa-pss with explicit RSAPSSParams (digest, MGF1 digest, salt) and holds the signer to that salt', () => {
    const params = (salt: number) =>
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#rsa-pss"><pss:RSAPSSParams xmlns:pss="http://www.w3.org/2007/05/xmldsig-more#">' +
      '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"/><pss:MaskGenerationFunction Algorithm="http://www.w3.org/2007/05/xmldsig-more#MGF1">' +
      `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"/></pss:MaskGenerationFunction><pss:SaltLength>${salt}</pss:SaltLength></pss:RSAPSSParams></ds:SignatureMethod>`;
    const xml = signed(params(20), 'sha384', 20);
    expect(verdict(xml)).toMatchObject({ references: [], value: true, method: { digest: 'sha384', pss: { saltLength: 20 } } });
    // The same signature under a stated salt of 48 is not the one made.
    expect(verdict(xml.replace('<pss:SaltLength>20<', '<pss:SaltLength>48<')).value).toBe(false);
  });

  it('leaves SHA-1 PSS to the algorithm policy, which refuses its digest', () => {
    const xml = signed('<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1"/>', 'sha1', 20);
    const v = verdict(xml);
    expect(v.method).toMatchObject({ digest: 'sha1', pss: { saltLength: 20 } });
    expect(digestAccepted(v.method!.digest)).toBe(false);
  });
});
