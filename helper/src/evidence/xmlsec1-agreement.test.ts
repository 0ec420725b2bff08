// Cross-check with an independent implementation: Debian's xmlsec1 (libxml2 + OpenSSL) must reach the same verdict
// on the XML signature's cryptography (every reference digest and the signature value) as this verifier.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceLibrary, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import type { TrustedList } from './trusted-list.ts';
import { verifyEvidence } from './verify-evidence.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';

const run = promisify(execFile);
let library: EvidenceLibrary;
let trustedList: TrustedList;
const dir = mkdtempSync(join(tmpdir(), 'xmlsec1-'));

beforeAll(async () => {
  library = await evidenceLibrary();
  trustedList = pinnedSandboxList(library.trustedList, library.pki);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNumber = 0;
/** xmlsec1's verdict on the signature's cryptography alone (--insecure: no certificate trust decision). */
async function xmlsec1Verdict(evidence: Uint8Array): Promise<boolean> {
  const file = join(dir, `evidence-${fileNumber++}.xml`);
  writeFileSync(file, evidence);
  try {
    await run('xmlsec1', ['--verify', '--insecure', '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', file]);
    return true;
  } catch {
    return false;
  }
}

/** Our verdict on the same question; undefined when the evidence never reached the cryptographic checks. */
function ourVerdict(evidence: Uint8Array): boolean | undefined {
  const report = verifyEvidence({ evidence, trustedList, validationTime: VALIDATION_TIME });
  const outcome = (id: string) => report.checks.find((c) => c.id === id)!.outcome;
  if (outcome('SIGNATURE_VALUE') === 'NOT_CHECKED') return undefined;
  return outcome('REFERENCE_DIGESTS') === 'PASSED' && outcome('SIGNATURE_VALUE') === 'PASSED';
}

describe('agreement with xmlsec1 --verify', () => {
  it('on the valid and tampered evidences of the library', async () => {
    const cases = [...library.good, ...library.bad].filter((c) => c.cryptoIntact !== undefined);
    const seen = new Set<Uint8Array>();
    let compared = 0;
    for (const c of cases) {
      if (seen.has(c.evidence)) continue;
      seen.add(c.evidence);
      const ours = ourVerdict(c.evidence);
      expect({ name: c.name, ours }).toEqual({ name: c.name, ours: c.cryptoIntact });
      expect({ name: c.name, xmlsec1: await xmlsec1Verdict(c.evidence) }).toEqual({ name: c.name, xmlsec1: ours });
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('on random one-character changes of text anywhere in a good evidence', async () => {
    const xml = new TextDecoder().decode(library.good[0]!.evidence);
    // Character positions inside text nodes: changing them keeps the XML well-formed.
    // Outside ds:KeyInfo: a changed certificate there is a question of X.509 parsing (xmlsec1 refuses a certificate
    // it cannot load, this verifier ignores an unbound one), not of canonicalization or digests.
    const keyInfo = [xml.indexOf('<ds:KeyInfo'), xml.indexOf('</ds:KeyInfo>')];
    const positions: number[] = [];
    for (const m of xml.matchAll(/>([^<]+)</g)) {
      for (let i = 0; i < m[1]!.length; i++) {
        const at = m.index! + 1 + i;
        if (at < keyInfo[0]! || at > keyInfo[1]!) positions.push(at);
      }
    }
    let seed = 6;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let tampered = 0;
    for (let n = 0; n < 40; n++) {
      const at = positions[Math.floor(random() * positions.length)]!;
      const replacement = xml[at] === 'Q' ? 'R' : 'Q';
      const mutated = new TextEncoder().encode(xml.slice(0, at) + replacement + xml.slice(at + 1));
      const ours = ourVerdict(mutated);
      if (ours === undefined) continue;
      if (!ours) tampered++;
      expect({ at, xmlsec1: await xmlsec1Verdict(mutated) }).toEqual({ at, xmlsec1: ours });
    }
    expect(tampered).toBeGreaterThan(10);
  });
});
