import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archivedEvidenceListSchema, archivedEvidenceSchema } from '../../../shared/evidence/archive.ts';
import { evidenceReportSchema } from '../../../shared/evidence/report.ts';
import { evidenceLibrary, MESSAGE_ID, RECIPIENT, VALIDATION_TIME, type EvidenceLibrary } from '../../../test/qerds/evidence-library.ts';
import { startTestHelper, type TestHelper } from '../app.fixture.ts';
import { verifyStore } from '../store/verify-store.ts';

let library: EvidenceLibrary;
let helper: TestHelper;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  library = await evidenceLibrary();
}, 120_000);
beforeEach(async () => {
  helper = await startTestHelper();
  // The sandbox list's operator pinned, as scripts/start.ts and the e2e install it.
  writeFileSync(join(helper.ctx.dataDir, 'trusted-list-signer.pem'), library.pki.listOperator.pem);
});
afterEach(async () => {
  await helper.close();
});

const goodRequest = () => ({
  evidence: b64(library.good[0]!.evidence),
  trustedList: b64(library.trustedList),
  contents: library.good[0]!.contents!.map((c) => ({ name: c.name, bytes: b64(c.bytes) })),
  validationTime: VALIDATION_TIME.toISOString(),
  expected: { messageIdentifier: MESSAGE_ID, recipientIdentifier: RECIPIENT.identifier },
});

describe('POST /evidence/verify', () => {
  it('answers the report of a good evidence', async () => {
    const res = await helper.call('/evidence/verify', { body: goodRequest() });
    expect(res.status).toBe(200);
    const report = evidenceReportSchema.parse(await res.json());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.provider.qualified).toBe(true);
  });

  it('answers TOTAL_FAILED, not an HTTP error, for a tampered evidence', async () => {
    const tampered = library.bad.find((c) => c.name === 'altered evidence (event time)')!;
    const res = await helper.call('/evidence/verify', { body: { ...goodRequest(), evidence: b64(tampered.evidence) } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('answers a verdict naming the depth limit, not a crash, for 100,000 nested elements (700 KB)', async () => {
    const depth = 100_000;
    // A real evidence with the nesting inside its root, so every later reading step would walk it.
    const good = Buffer.from(library.good[0]!.evidence).toString('utf8');
    const end = good.lastIndexOf('</');
    const deep = Buffer.from(good.slice(0, end) + '<a>'.repeat(depth) + '</a>'.repeat(depth) + good.slice(end));
    expect(deep.length).toBeGreaterThan(690_000);
    for (const path of ['/evidence/verify', '/evidence']) {
      const res = await helper.call(path, { body: { ...goodRequest(), messageId: 'deep-1', evidence: b64(deep) } });
      expect(res.status, path).toBeLessThan(500);
      const text = await res.text();
      expect(text, path).toMatch(/nested deeper than \d+ elements/);
    }
  });

  it('keeps nothing that is not an evidence (what a sender link answered: a local page, JSON)', async () => {
    const size = helper.ctx.store.size;
    for (const junk of ['{"status":"ok","secret":"x"}', '<html><body>router admin</body></html>']) {
      const res = await helper.call('/evidence', { body: { ...goodRequest(), messageId: 'junk-1', evidence: b64(Buffer.from(junk)) } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string; field: string } }).error).toMatchObject({ field: 'evidence', message: expect.stringMatching(/^not kept: this is not an ETSI EN 319 522 evidence/) });
    }
    expect(helper.ctx.store.size).toBe(size);
  });

  it('uses the trusted list of the data directory when none is sent, and says when there is none', async () => {
    const { trustedList: _, ...withoutList } = goodRequest();
    const missing = await helper.call('/evidence/verify', { body: withoutList });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('trusted-list.xml');
    writeFileSync(join(helper.ctx.dataDir, 'trusted-list.xml'), library.trustedList);
    const res = await helper.call('/evidence/verify', { body: withoutList });
    expect(((await res.json()) as { indication: string }).indication).toBe('TOTAL_PASSED');
  });

  it('holds the trusted list to the certificates pinned in the data directory: another signer gives INDETERMINATE', async () => {
    const pinned = evidenceReportSchema.parse(await (await helper.call('/evidence/verify', { body: goodRequest() })).json());
    expect(pinned.trustedList).toMatchObject({ signedBy: 'CN=Sandbox Trusted List Operator, O=Sandbox Supervisory Body, C=BE', signerPinned: true });
    writeFileSync(join(helper.ctx.dataDir, 'trusted-list-signer.pem'), library.pki.root.pem + library.pki.tsa.pem);
    const refused = evidenceReportSchema.parse(await (await helper.call('/evidence/verify', { body: goodRequest() })).json());
    expect([refused.indication, refused.subIndication, refused.trustedList.signerPinned]).toEqual(['INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', false]);
    expect(refused.trustedList.problem).toContain('not one of the 2 pinned signers');
  });

  it('refuses a malformed request and an unreadable trusted list with a 400 naming the field', async () => {
    const noEvidence = await helper.call('/evidence/verify', { body: { trustedList: b64(library.trustedList) } });
    expect(noEvidence.status).toBe(400);
    expect(((await noEvidence.json()) as { error: { field: string } }).error.field).toBe('evidence');
    const badList = await helper.call('/evidence/verify', { body: { ...goodRequest(), trustedList: b64(new TextEncoder().encode('<x/>')) } });
    expect(badList.status).toBe(400);
    expect(((await badList.json()) as { error: { field: string } }).error.field).toBe('trustedList');
  });
});

describe('POST /evidence and GET /evidence', () => {
  it('keeps the evidence, its report and content hashes in the proof store, listed under the message', async () => {
    const created = await helper.call('/evidence', { body: { ...goodRequest(), messageId: 'msg-42' } });
    expect(created.status).toBe(201);
    const archived = archivedEvidenceSchema.parse(await created.json());
    expect(archived.report.indication).toBe('TOTAL_PASSED');
    expect(archived.contentHashes.map((c) => c.name)).toEqual(['mise-en-demeure.pdf', 'annexe-1.xml']);
    expect(helper.ctx.store.blobs.has(archived.evidenceSha256)).toBe(true);

    const other = await helper.call('/evidence', { body: { ...goodRequest(), messageId: 'msg-43' } });
    expect(other.status).toBe(201);
    const list = archivedEvidenceListSchema.parse(await (await helper.call('/evidence?messageId=msg-42')).json());
    expect(list.items.map((i) => i.leafIndex)).toEqual([archived.leafIndex]);

    const xml = await helper.call(`/evidence/${archived.leafIndex}/evidence.xml`);
    expect(new Uint8Array(await xml.arrayBuffer())).toEqual(library.good[0]!.evidence);
    const pdf = await helper.call(`/evidence/${archived.leafIndex}/report.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await helper.call('/evidence/999/report.pdf')).status).toBe(404);
    const check = verifyStore(join(helper.ctx.dataDir, 'store'), {});
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('finds archived evidences again after the helper restarts', async () => {
    const dataDir = helper.ctx.dataDir;
    const created = archivedEvidenceSchema.parse(await (await helper.call('/evidence', { body: { ...goodRequest(), messageId: 'msg-7' } })).json());
    await helper.ctx.store.close();
    const again = await startTestHelper({ dataDir });
    try {
      const list = archivedEvidenceListSchema.parse(await (await again.call('/evidence?messageId=msg-7')).json());
      expect(list.items).toEqual([created]);
    } finally {
      await again.close();
    }
  });

  it('checks contents given by the SHA-256 they were stored under', async () => {
    const doc = library.good[0]!.contents![0]!;
    const sha256 = (await import('node:crypto')).createHash('sha256').update(doc.bytes).digest('base64url');
    const stored = await helper.call('/documents', { body: { sha256, contentBase64: b64(doc.bytes) } });
    expect(stored.status).toBe(201);
    const res = await helper.call('/evidence/verify', { body: { ...goodRequest(), contents: [{ name: doc.name, sha256 }] } });
    expect(((await res.json()) as { evidence: { contents: { matches?: boolean }[] } }).evidence.contents.map((c) => c.matches)).toEqual([true, undefined]);
    const unknown = await helper.call('/evidence/verify', { body: { ...goodRequest(), contents: [{ name: doc.name, sha256: 'A'.repeat(43) }] } });
    expect(unknown.status).toBe(404);
  });
});
