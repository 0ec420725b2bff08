import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest, parseManifest } from './asic-manifest.ts';

const sha = (s: string) => createHash('sha256').update(s).digest();

describe('ASiCManifest.xml', () => {
  it('round-trips names with spaces, accents and URI-special characters', () => {
    const references = [
      { path: 'messages/M 1/documents/Avis de débit #3.pdf', mimeType: 'application/pdf', sha256: sha('a') },
      { path: 'bundle.json', mimeType: 'application/json', sha256: sha('b') },
    ];
    const xml = buildManifest({ signaturePath: 'META-INF/signature.p7s', references });
    expect(Buffer.from(xml).toString()).toContain('URI="messages/M%201/documents/Avis%20de%20d%C3%A9bit%20%233.pdf"');
    const parsed = parseManifest(xml);
    expect(parsed.signaturePath).toBe('META-INF/signature.p7s');
    expect(parsed.references.map((r) => r.path)).toEqual(references.map((r) => r.path));
    expect(Buffer.from(parsed.references[0]!.sha256).equals(sha('a'))).toBe(true);
  });

  it('refuses a file listed twice, a non-SHA-256 digest, a missing SigReference and broken XML', () => {
    const one = { path: 'a', mimeType: 'text/plain', sha256: sha('a') };
    const twice = Buffer.from(buildManifest({ signaturePath: 'META-INF/signature.p7s', references: [one, one] }));
    expect(() => parseManifest(twice)).toThrow(/listed twice/);
    const sha1 = Buffer.from(Buffer.from(buildManifest({ signaturePath: 'META-INF/signature.p7s', references: [one] })).toString().replace('xmlenc#sha256', 'xmldsig#sha1'));
    expect(() => parseManifest(sha1)).toThrow(/not SHA-256/);
    const noSig = Buffer.from(Buffer.from(buildManifest({ signaturePath: 'META-INF/signature.p7s', references: [one] })).toString().replace(/<asic:SigReference[^>]*>/, ''));
    expect(() => parseManifest(noSig)).toThrow(/expected the SigReference/);
    const reindented = Buffer.from(Buffer.from(buildManifest({ signaturePath: 'META-INF/signature.p7s', references: [one] })).toString().replace('  <asic:Data', ' <asic:Data'));
    expect(() => parseManifest(reindented)).toThrow(/expected a DataObjectReference/);
    const escaped = Buffer.from(Buffer.from(buildManifest({ signaturePath: 'META-INF/signature.p7s', references: [one] })).toString().replace('URI="a"', 'URI="%61"'));
    expect(() => parseManifest(escaped)).toThrow(/canonical form/);
    expect(() => parseManifest(Buffer.from('<asic:ASiCManifest'))).toThrow(/ASiCManifest.xml/);
  });
});
