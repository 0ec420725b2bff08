// The real command, as a user runs it (Node 24 type stripping, no bundler), on sandbox evidences.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceReportSchema } from '../../../shared/evidence/report.ts';
import { evidenceLibrary, MESSAGE_ID, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'verify-evidence-'));
let library: EvidenceLibrary;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['helper/bin/ebox-keeper.js', 'verify-evidence', ...args], { env: { ...process.env, EBOX_KEEPER_DATA_DIR: dir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  library = await evidenceLibrary();
  writeFileSync(join(dir, 'trusted-list.xml'), library.trustedList);
  writeFileSync(join(dir, 'trusted-list-signer.pem'), library.pki.listOperator.pem);
  writeFileSync(join(dir, 'other-signer.pem'), library.pki.root.pem + library.pki.tsa.pem);
  writeFileSync(join(dir, 'good.xml'), library.good[0]!.evidence);
  writeFileSync(join(dir, 'tampered.xml'), library.bad.find((c) => c.name === 'altered evidence (event time)')!.evidence);
  writeFileSync(join(dir, 'unknown-ca.xml'), library.bad.find((c) => c.name === 'unknown CA')!.evidence);
  for (const c of library.good[0]!.contents!) writeFileSync(join(dir, c.name), c.bytes);
  writeFileSync(join(dir, 'altered.pdf'), 'not the document');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ebox-keeper verify-evidence', () => {
  it('exits 0 and prints the report of a good evidence and its documents', async () => {
    const at = ['--at', VALIDATION_TIME.toISOString()];
    const r = await cli(join(dir, 'good.xml'), '--content', join(dir, 'mise-en-demeure.pdf'), '--content', join(dir, 'annexe-1.xml'), '--message-id', MESSAGE_ID, ...at);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TOTAL_PASSED\n/);
    expect(r.stdout).toContain('provider   Sandbox QERDS: qualified at the event time');
    expect(r.stdout).toContain('document   mise-en-demeure.pdf: matches');
  });

  it('exits 1 for a tampered evidence, 2 for an indeterminate one, with JSON and a PDF on request', { timeout: 120_000 }, async () => {
    const at = ['--at', VALIDATION_TIME.toISOString()];
    const failed = await cli(join(dir, 'tampered.xml'), '--json', ...at);
    expect(failed.code).toBe(1);
    expect(evidenceReportSchema.parse(JSON.parse(failed.stdout)).subIndication).toBe('HASH_FAILURE');
    const pdf = join(dir, 'report.pdf');
    const indeterminate = await cli(join(dir, 'unknown-ca.xml'), '--pdf', pdf, ...at);
    expect(indeterminate.code).toBe(2);
    expect(indeterminate.stdout).toMatch(/^INDETERMINATE \/ NO_CERTIFICATE_CHAIN_FOUND/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 2 when the trusted list is not signed by a pinned certificate, and says why', async () => {
    const r = await cli(join(dir, 'good.xml'), '--trusted-list-signer', join(dir, 'other-signer.pem'), '--at', VALIDATION_TIME.toISOString());
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^INDETERMINATE \/ NO_CERTIFICATE_CHAIN_FOUND/);
    expect(r.stdout).toContain('NOT TRUSTED: the trusted list is signed by CN=Sandbox Trusted List Operator, O=Sandbox Supervisory Body, C=BE, which is not one of the 2 pinned signers');
  });

  it('names the document that does not match', async () => {
    const r = await cli(join(dir, 'good.xml'), '--content', join(dir, 'altered.pdf'), '--at', VALIDATION_TIME.toISOString());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('archived bytes do not match the evidence digests: altered.pdf');
  });

  it('prints a failed verdict naming the depth limit for 100,000 nested elements, instead of dying', async () => {
    const good = Buffer.from(library.good[0]!.evidence).toString('utf8');
    const end = good.lastIndexOf('</');
    writeFileSync(join(dir, 'deep.xml'), good.slice(0, end) + '<a>'.repeat(100_000) + '</a>'.repeat(100_000) + good.slice(end));
    const r = await cli(join(dir, 'deep.xml'), '--at', VALIDATION_TIME.toISOString());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^TOTAL_FAILED \/ FORMAT_FAILURE/);
    expect(r.stdout).toMatch(/nested deeper than 256 elements/);
  });

  it('exits 64 with a clear message on usage errors', { timeout: 120_000 }, async () => {
    const missing = await cli(join(dir, 'nope.xml'));
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('cannot read evidence');
    const noList = await cli(join(dir, 'good.xml'), '--trusted-list', join(dir, 'absent.xml'));
    expect(noList.code).toBe(64);
    expect(noList.stderr).toContain('no trusted list');
  });
});
