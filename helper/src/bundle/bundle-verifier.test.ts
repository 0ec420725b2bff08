import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, SIGNATURE_PATH } from '../../../shared/bundle/layout.ts';
import { DOCUMENTS, evidenceLibrary, MESSAGE_ID, VALIDATION_TIME } from '../../../test/qerds/evidence-library.ts';
import { evidenceArchiveOf } from '../evidence/evidence-archive.ts';
import { trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { pinnedSandboxList } from '../../../test/qerds/pinned-list.ts';
import { verifyEvidence } from '../evidence/verify-evidence.ts';
import { exportBundle } from './bundle-exporter.ts';
import { verifyBundle } from './bundle-verifier.ts';
import { storeBundleInput } from './store-source.ts';
import { acknowledge, createFixture, type Fixture } from './test-fixture.ts';

const JAVA_READER = join(import.meta.dirname, '../../../test/java/ZipInputStreamRead.java');
const hasJava = spawnSync('java', ['-version']).status === 0;
if (!hasJava) console.warn('SKIPPED: Java is not installed here, so the ZipInputStream check of bundles does not run (CI installs default-jre-headless)');

let f: Fixture;
let bundle: string;
let caDer: Buffer;

/** Which entry each byte of the zip belongs to: local header + data + descriptor, then central records. */
async function regions(path: string): Promise<{ start: number; end: number; name: string }[]> {
  const zip = await yauzl.openPromise(path, { autoClose: false });
  const entries: yauzl.Entry[] = [];
  for await (const e of zip.eachEntry()) entries.push(e);
  zip.close();
  const size = readFileSync(path).length;
  const out: { start: number; end: number; name: string }[] = [];
  entries.forEach((e, i) => out.push({ start: e.relativeOffsetOfLocalHeader, end: entries[i + 1]?.relativeOffsetOfLocalHeader ?? -1, name: e.fileName }));
  const cdStart = readFileSync(path).readUInt32LE(size - 6);
  out.at(-1)!.end = cdStart;
  let at = cdStart;
  for (const e of entries) {
    const len = 46 + Buffer.byteLength(e.fileName) + e.extraFieldLength + e.fileCommentLength;
    out.push({ start: at, end: at + len, name: e.fileName });
    at += len;
  }
  out.push({ start: at, end: size, name: '(container)' });
  return out;
}

beforeAll(async () => {
  f = await createFixture();
  await acknowledge(f, { messageId: 'MSG-1', documents: [{ fileName: 'Avis de débit.pdf', bytes: Buffer.from('%PDF-1.4 one\n%%EOF\n') }, { fileName: 'annexe 1.csv', bytes: Buffer.from('a;b\n1;2\n') }] });
  await acknowledge(f, { messageId: 'MSG-2', documents: [{ fileName: 'Aanslag.pdf', bytes: Buffer.alloc(200_000, 7) }], registeredKind: 'simple', receiptDate: '2026-09-01T10:00:00+02:00' });
  await acknowledge(f, { messageId: 'MSG-3', documents: [{ fileName: 'x.pdf', bytes: Buffer.from('%PDF-1.4 three\n') }], senderOrganizationId: '0308357159' });
  // A qualified message: its documents acknowledged, its handover evidence verified and archived by the helper.
  const lib = await evidenceLibrary();
  writeFileSync(trustedListPath(f.ctx.dataDir, {}), lib.trustedList);
  writeFileSync(trustedListSignerPath(f.ctx.dataDir, {}), lib.pki.listOperator.pem);
  await acknowledge(f, { messageId: MESSAGE_ID, documents: DOCUMENTS.map((d) => ({ fileName: d.name, bytes: d.bytes })), registeredKind: 'qualified' });
  const good = lib.good[0]!;
  const contents = DOCUMENTS.map((d) => ({ name: d.name, bytes: d.bytes }));
  const report = verifyEvidence({ evidence: good.evidence, trustedList: pinnedSandboxList(lib.trustedList, lib.pki), contents, validationTime: VALIDATION_TIME });
  expect(report.indication).toBe('TOTAL_PASSED');
  await evidenceArchiveOf(f.ctx.store).archive(MESSAGE_ID, good.evidence, contents, report);
  bundle = join(f.dir, 'bundle.asice');
  const input = await storeBundleInput(f.ctx, {}, { name: 'Test Company SA', cbe: '0123456789' }, { makeMissingPdfs: true });
  const result = await exportBundle(bundle, input, f.signer);
  expect(result.messages).toBe(4);
  expect(result.findings).toEqual([]);
  caDer = Buffer.from(new X509Certificate(f.caPem).raw);
}, 60_000);

afterAll(async () => {
  await f?.close();
});

describe('an exported bundle', () => {
  it('is a clean zip for unzip -t, with no temporary file left behind', () => {
    expect(execFileSync('unzip', ['-t', bundle]).toString()).toMatch(/No errors detected/);
    expect(readdirSync(f.dir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  // EU DSS reads containers held in memory with java.util.zip.ZipInputStream, which refuses stored entries whose
  // sizes and CRC come in a data descriptor. CI installs Java (scripts/ensure-system-tools.sh).
  it.skipIf(!hasJava)('is read whole by Java\'s ZipInputStream: sizes and CRC in every local header, no data descriptor', async () => {
    const zip = await yauzl.openPromise(bundle, { autoClose: false });
    const expected: string[] = [];
    for await (const e of zip.eachEntry()) {
      expect(e.generalPurposeBitFlag & 0x08, e.fileName).toBe(0);
      const bytes = Buffer.concat(await (await zip.openReadStreamPromise(e)).toArray());
      expected.push(`${e.fileName}\t${bytes.length}\t${createHash('sha256').update(bytes).digest('hex')}`);
    }
    zip.close();
    expect(expected.length).toBeGreaterThan(10);
    const java = spawnSync('java', [JAVA_READER, bundle], { encoding: 'utf8' });
    expect(java.stderr).toBe('');
    expect(java.status).toBe(0);
    expect(java.stdout.trim().split('\n')).toEqual(expected);
  }, 60_000);

  it('has a manifest signature that openssl cms -verify accepts with the signing chain', () => {
    const out = join(f.dir, 'openssl');
    execFileSync('unzip', ['-o', '-q', bundle, 'META-INF/*', '-d', out]);
    writeFileSync(join(out, 'ca.pem'), f.caPem);
    const res = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(out, SIGNATURE_PATH), '-content', join(out, MANIFEST_PATH), '-CAfile', join(out, 'ca.pem'), '-out', '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(res).toBeDefined();
    // CAdES-B-B (EN 319 122-1): exactly one signing-time among the signed attributes.
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(out, SIGNATURE_PATH)]).toString();
    expect(printed.match(/object: signingTime \(1\.2\.840\.113549\.1\.9\.5\)/g)).toHaveLength(1);
  });

  it('verifies TOTAL_PASSED with the company certificate pinned, every receipt and proof checked', async () => {
    const v = await verifyBundle(bundle, { trusted: [caDer], trustedList: pinnedSandboxList(readFileSync(trustedListPath(f.ctx.dataDir, {})), (await evidenceLibrary()).pki), now: VALIDATION_TIME });
    expect(v.problems).toEqual([]);
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.signer?.pinned).toBe(true);
    expect(v.signer?.signedAt).toBeDefined();
    expect(v.passed).toMatchObject({ 'receipt-signature': 4, inclusion: 5, receipt: 4, checkpoint: 1, 'document-digest': 6, signature: 1, timestamp: 1, evidence: 1, 'evidence-archive': 1 });
    expect(v.counts.messages).toBe(4);
  });

  it('is INDETERMINATE with only the bundle: a development identity nobody pinned is no reason to trust', async () => {
    const v = await verifyBundle(bundle, { now: VALIDATION_TIME });
    expect(v.indication).toBe('INDETERMINATE');
    expect(v.problems).toEqual([
      expect.objectContaining({ file: SIGNATURE_PATH, check: 'trust', status: 'indeterminate', message: expect.stringMatching(/development identity/) }),
      expect.objectContaining({ file: 'trust/trusted-list.xml', check: 'trusted-list', status: 'warning' }),
      expect.objectContaining({ check: 'evidence', status: 'indeterminate', message: expect.stringContaining('no signer is pinned') }),
    ]);
  });

  it('fails when another certificate is pinned', async () => {
    const other = await createFixture();
    try {
      const v = await verifyBundle(bundle, { trusted: [Buffer.from(new X509Certificate(other.caPem).raw)] });
      expect(v.indication).toBe('TOTAL_FAILED');
      expect(v.problems.some((p) => p.file === SIGNATURE_PATH && /not the pinned certificate/.test(p.message))).toBe(true);
      expect(v.problems.filter((p) => p.check === 'receipt-signature')).toHaveLength(4);
    } finally {
      await other.close();
    }
  });

  it('fails naming the file when any byte is flipped, over many positions', async () => {
    const original = readFileSync(bundle);
    const map = await regions(bundle);
    const positions = new Set<number>();
    for (let p = 0; p < original.length; p += Math.max(1, Math.floor(original.length / 50))) positions.add(p);
    // One header byte of every local header and directory record, at a different field each time.
    map.forEach((r, i) => positions.add(Math.min(r.end - 1, r.start + ((i * 7) % 46))));
    // Every byte of the end records.
    for (let p = map.at(-1)!.start; p < original.length; p++) positions.add(p);
    const trustedList = pinnedSandboxList(readFileSync(trustedListPath(f.ctx.dataDir, {})), (await evidenceLibrary()).pki);
    const tampered = join(f.dir, 'tampered.asice');
    for (const p of positions) {
      const copy = Buffer.from(original);
      copy[p] = copy[p]! ^ 0x01;
      writeFileSync(tampered, copy);
      const v = await verifyBundle(tampered, { trusted: [caDer], trustedList, now: VALIDATION_TIME });
      const owner = map.find((r) => p >= r.start && p < r.end)!.name;
      expect(v.indication, `flip at ${p} (${owner})`).toBe('TOTAL_FAILED');
      const named = v.problems.filter((x) => x.status === 'failed').map((x) => x.file);
      expect(named, `flip at ${p} in ${owner}: ${JSON.stringify(v.problems)}`).toContain(owner);
    }
  }, 120_000);

  it('leaves no file when the export is cancelled', async () => {
    const target = join(f.dir, 'cancelled.asice');
    const input = await storeBundleInput(f.ctx, {});
    const controller = new AbortController();
    await expect(exportBundle(target, input, f.signer, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow(/cancelled/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(f.dir).filter((n) => n.includes('cancelled'))).toEqual([]);
  });

  it('holds a readable report.pdf naming who acknowledged each message', () => {
    const text = execFileSync('sh', ['-c', `unzip -p '${bundle}' report.pdf | pdftotext - -`]).toString();
    expect(text).toMatch(/Anne Dupont/);
    expect(text).toMatch(/Avis de paiement MSG-1/);
    expect(text).toMatch(/VERIFIED/);
    expect(text).toMatch(/Kind of registered mail/);
    // Issue 12: each message names its company, and the first page names every company the bundle holds.
    const firstPage = execFileSync('sh', ['-c', `unzip -p '${bundle}' report.pdf | pdftotext -l 1 - -`]).toString();
    expect(firstPage).toMatch(/Company of the messages: 0123\.456\.789/);
    expect(text.match(/Company: 0123\.456\.789/g)?.length).toBe(4);
    const index = JSON.parse(execFileSync('unzip', ['-p', bundle, 'bundle.json']).toString()) as { enterprises: unknown[]; messages: { enterprise: unknown }[] };
    expect(index.enterprises).toEqual([{ cbe: '0123456789' }]);
    expect(index.messages.map((m) => m.enterprise)).toEqual(Array(4).fill({ cbe: '0123456789' }));
  });
});
