import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestCheckOf, normaliseDigest, sha256Of, sha256Schema, sha256ToHex } from './digest.ts';

describe('the digest model', () => {
  const bytes = new TextEncoder().encode('e-Box Keeper – ça marche');
  const node = createHash('sha256').update(bytes);

  it('spells a SHA-256 as Node spells base64url, and as hex for the store', async () => {
    const sha256 = await sha256Of(new Blob([bytes]));
    expect(sha256).toBe(node.copy().digest('base64url'));
    expect(sha256Schema.safeParse(sha256).success).toBe(true);
    expect(sha256ToHex(sha256)).toBe(node.copy().digest('hex'));
  });

  it('compares a registry digest in padded standard base64 with the kept one', async () => {
    const sha256 = await sha256Of(bytes);
    const registry = node.copy().digest('base64');
    expect(registry.endsWith('=')).toBe(true);
    expect(normaliseDigest(registry)).toBe(sha256);
    expect(digestCheckOf(sha256, registry)).toBe('match');
    expect(digestCheckOf(sha256, createHash('sha256').update('other').digest('base64url'))).toBe('mismatch');
    expect(digestCheckOf(sha256, undefined)).toBe('no-ebox-digest');
    expect(digestCheckOf(sha256, null)).toBe('no-ebox-digest');
  });
});
