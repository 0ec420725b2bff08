// The timestamp check against an independent implementation: `openssl ts -verify` on the same tokens, including the
// RFC 3161 rule that the TSA certificate's timeStamping extended key usage be critical.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceLibrary, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { canonicalize } from './c14n.ts';
import { parseXmlSafely } from './safe-xml.ts';
import { verifySignatureTimestamp } from './signature-timestamp.ts';
import { readXadesProperties } from './xades-properties.ts';
import { readSignature } from './xml-signature.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'openssl-ts-'));
let library: EvidenceLibrary;

beforeAll(async () => {
  library = await evidenceLibrary();
  writeFileSync(join(dir, 'root.pem'), library.pki.root.pem);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tokenAndImprint(name: string) {
  const c = [...library.good, ...library.bad].find((x) => x.name === name)!;
  const sig = readSignature(parseXmlSafely(c.evidence));
  const ts = readXadesProperties(sig).timestamps[0]!;
  return { token: ts.encapsulated, imprint: Buffer.from(canonicalize(sig.signatureValueElement, ts.c14n), 'utf8') };
}

async function openssl(token: Buffer, imprint: Buffer, tsaPem: string): Promise<boolean> {
  const tokenFile = join(dir, 'token.der');
  const untrusted = join(dir, 'tsa.pem');
  writeFileSync(tokenFile, token);
  writeFileSync(untrusted, tsaPem);
  const digest = createHash('sha256').update(imprint).digest('hex');
  try {
    await run('openssl', ['ts', '-verify', '-token_in', '-in', tokenFile, '-digest', digest, '-CAfile', join(dir, 'root.pem'), '-untrusted', untrusted, '-attime', String(Math.floor(VALIDATION_TIME.getTime() / 1000))]);
    return true;
  } catch {
    return false;
  }
}

describe('verifySignatureTimestamp agrees with openssl ts -verify', () => {
  it('on a good token, a token over another signature, and a TSA without the critical timeStamping purpose', async () => {
    const list = pinnedSandboxList(library.trustedList, library.pki);
    const cases = [
      { name: 'handover B-T', tsa: library.pki.tsa.pem, holds: true },
      { name: 'timestamp of another signature', tsa: library.pki.tsa.pem, holds: false },
      { name: 'TSA without critical timeStamping purpose', tsa: library.pki.tsaWithoutCriticalEku.pem, holds: false },
    ];
    for (const c of cases) {
      const { token, imprint } = tokenAndImprint(c.name);
      const ours = verifySignatureTimestamp(token, imprint, list, VALIDATION_TIME);
      expect({ name: c.name, ours: ours.problems.length === 0 }).toEqual({ name: c.name, ours: c.holds });
      expect({ name: c.name, openssl: await openssl(token, imprint, c.tsa) }).toEqual({ name: c.name, openssl: c.holds });
    }
  });

  it('dates the good token and names its TSA', () => {
    const { token, imprint } = tokenAndImprint('handover B-T');
    const verdict = verifySignatureTimestamp(token, imprint, pinnedSandboxList(library.trustedList, library.pki), VALIDATION_TIME);
    expect(verdict.genTime?.toISOString()).toBe('2026-11-18T10:15:02.000Z');
    expect(verdict.tsa?.subject).toBe('CN=Sandbox QERDS TSU 1, O=Sandbox QERDS, C=BE');
    expect(verdict.qualified).toBe(true);
  });
});
