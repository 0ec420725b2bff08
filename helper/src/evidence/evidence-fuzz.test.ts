// 10,000 mutated evidences: the verifier never throws, always returns a report of the shared schema, and never
// passes an evidence in which a signed byte (text or attribute value inside the signed parts) was changed.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceReportSchema } from '../../../shared/evidence/report.ts';
import { evidenceLibrary, VALIDATION_TIME, type EvidenceCase } from '../../../test/qerds/evidence-library.ts';
import type { TrustedList } from './trusted-list.ts';
import { verifyEvidence } from './verify-evidence.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';

let good: EvidenceCase;
let trustedList: TrustedList;
let signedPositions: number[];

/** Byte offsets of text-node and attribute-value bytes in the signed parts of the serialized evidence. */
function signedContentPositions(bytes: Uint8Array): number[] {
  const xml = Buffer.from(bytes).toString('latin1'); // one character per byte, so indexes are byte offsets
  const range = (open: RegExp, close: string): [number, number] => {
    const m = open.exec(xml);
    if (m === null) throw new Error(`${open} not found`);
    return [m.index, xml.indexOf(close, m.index) + close.length];
  };
  const signature = range(/<ds:Signature[ >]/, '</ds:Signature>');
  const signed = [
    [0, signature[0]],
    [signature[1], xml.length],
    range(/<ds:SignedInfo>/, '</ds:SignedInfo>'),
    range(/<xades:SignedProperties /, '</xades:SignedProperties>'),
  ];
  const inSigned = (i: number) => signed.some(([from, to]) => i >= from! && i < to!);
  const positions: number[] = [];
  for (const m of xml.matchAll(/>([^<]+)<|="([^"]+)"/g)) {
    const start = m.index! + (m[1] !== undefined ? 1 : 2);
    const length = (m[1] ?? m[2]!).length;
    for (let i = start; i < start + length; i++) if (inSigned(i)) positions.push(i);
  }
  return positions;
}

beforeAll(async () => {
  const library = await evidenceLibrary();
  good = library.good[0]!;
  trustedList = pinnedSandboxList(library.trustedList, library.pki);
  signedPositions = signedContentPositions(good.evidence);
}, 120_000);

type Mutation =
  | { op: 'replace'; at: number; byte: number }
  | { op: 'insert'; at: number; byte: number }
  | { op: 'delete'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; at: number; length: number };

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = m.at % bytes.length;
  switch (m.op) {
    case 'replace': {
      const out = bytes.slice();
      out[at] = m.byte === out[at] ? (m.byte + 1) % 256 : m.byte;
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Uint8Array.of(m.byte), bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    case 'truncate':
      return bytes.subarray(0, at);
    case 'duplicate':
      return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
  }
}

const SIGNED_OPS: ReadonlySet<Mutation['op']> = new Set(['replace', 'insert', 'delete']);

describe('mutation fuzzing of a good B-T evidence', () => {
  it('never crashes and never passes a changed signed byte (10,000 mutations)', () => {
    const anywhere = fc.nat({ max: good.evidence.length - 1 });
    const signedAt = fc.nat({ max: signedPositions.length - 1 }).map((i) => signedPositions[i]!);
    const at = fc.oneof(signedAt, anywhere);
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x3c, 0x26, 0x22, 0x20, 0x0d, 0x41, 0x30, 0x3d));
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), at, byte }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at, byte }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: anywhere }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: anywhere, length: fc.integer({ min: 1, max: 400 }) }) },
    );
    let signedChanges = 0;
    fc.assert(
      fc.property(mutation, (m) => {
        const report = verifyEvidence({
          evidence: mutate(good.evidence, m),
          trustedList,
          contents: good.contents,
          expected: good.expected,
          validationTime: VALIDATION_TIME,
        });
        evidenceReportSchema.parse(report);
        if (SIGNED_OPS.has(m.op) && signedPositions.includes(m.at)) {
          signedChanges++;
          expect(report.indication, JSON.stringify(m)).not.toBe('TOTAL_PASSED');
        }
      }),
      { numRuns: 10_000, seed: 319522 },
    );
    expect(signedChanges).toBeGreaterThan(3_000);
  }, 300_000);
});
