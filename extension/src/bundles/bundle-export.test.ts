// The export as the service worker runs it, against the real helper (a real server on 127.0.0.1, real fetch, the
// test TSA): documents handed over once each, the bundle written with every archived message, fetched, saved, and
// verified by the same verifier as `ebox-keeper verify-bundle`; cancel leaves nothing; a helper that is not
// running is said in plain words.
import type { ArchivedMessage } from '../../../shared/bundle/archived-message.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { issuePairingCode } from '../../../helper/src/pairing/pairing-codes.ts';
import { verifyBundle } from '../../../helper/src/bundle/bundle-verifier.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { HelperClient } from '../helper-client/helper-client.ts';
import { message, pdfBytes } from '../archive/test-messages.ts';
import type { MessageRecord } from '../archive/records.ts';
import type { DocumentMeta } from './archived-selection.ts';
import { runBundleExport, type BundleArchive, type BundleHelper } from './bundle-export.ts';
import type { BundleExportState } from './bundle-protocol.ts';

const EXTENSION_ID = 'kfhdgeojlmnnpoidlmnbdkafbcmpakfe';
const dir = mkdtempSync(join(tmpdir(), 'ebk-bundle-export-'));
const dataDir = join(dir, 'helper');
let helper: RunningHelper;
let tsa: RunningTsa;
let client: HelperClient;

const chromeLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: `chrome-extension://${EXTENSION_ID}` } } : init);

beforeAll(async () => {
  tsa = await startTsa();
  helper = await startHelper({ dataDir, port: 0, tsaUrl: tsa.url, signingThreads: 0 });
  const { display } = issuePairingCode(dataDir);
  const pairing = await new HelperClient({ port: helper.port, fetch: chromeLikeFetch }).pair(display, EXTENSION_ID);
  client = new HelperClient({ port: helper.port, secret: pairing.secret, fetch: chromeLikeFetch });
}, 30_000);
afterAll(async () => {
  await helper.close();
  await tsa.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('base64url');

/** An archive of `n` messages whose documents are kept in memory; message 0 and 1 share one document. */
function archiveOf(n: number, companyOf: (i: number) => string = () => A): { archive: BundleArchive; ids: string[] } {
  const bytes = new Map<string, Uint8Array>();
  const entries = Array.from({ length: n }, (_, i) => {
    const doc = pdfBytes(i === 1 ? 'document 0' : `document ${i}`);
    const m = message(`MSG-${i}`, {}, [{ id: `a${i}`, bytes: doc }]);
    const record = { messageId: m.messageId, enterprise: companyOf(i), message: m, names: { sender: { fr: 'ONSS' } }, labels: [], tags: [], note: '' } as unknown as MessageRecord;
    const meta: DocumentMeta = { id: `MSG-${i}/a${i}/1`, messageId: m.messageId, attachmentId: `a${i}`, version: 1, fileName: `a${i}.pdf`, mediaType: 'application/pdf', bytes: doc.length, sha256: sha(doc), expectedSha256: sha(doc), digestOk: true, storedAt: '2026-11-01T10:00:00Z' };
    bytes.set(meta.id, doc);
    return { record, documents: [meta] };
  });
  return {
    ids: entries.map((e) => e.record.messageId),
    archive: {
      messages: async (ids) => entries.filter((e) => ids.includes(e.record.messageId)),
      bytes: async (id) => bytes.get(id)!,
    },
  };
}

const A = '0412345614';
const B = '0751234514';

function countingHelper(): BundleHelper & { uploads: string[]; sent: ArchivedMessage[] } {
  const uploads: string[] = [];
  const sent: ArchivedMessage[] = [];
  return {
    uploads,
    sent,
    signerSubject: () => client.status().then((s) => s.identity.subject),
    storeDocument: (s, b) => (uploads.push(s), client.storeDocument(s, b)),
    createBundle: (r) => (sent.push(...r.messages), client.createBundle(r)),
    bundle: (id) => client.bundle(id),
    discardBundle: (id) => client.discardBundle(id),
  };
}

describe('runBundleExport against the real helper', () => {
  it('uploads each document once, exports every archived message, saves a bundle that verifies', async () => {
    const { archive, ids } = archiveOf(20);
    const h = countingHelper();
    const states: BundleExportState[] = [];
    let saved: { file: Blob; name: string } | undefined;
    // As browser.downloads does in the worker: the file fetched from the helper, its size checked.
    const save = async (bundleId: string, name: string, size: number | undefined) => {
      const file = await client.bundleFile(bundleId);
      expect(file.size).toBe(size);
      saved = { file, name };
      return name;
    };
    const end = await runBundleExport(ids, '20 messages selected on the archive page', {
      helper: h,
      archive,
      save,
      publish: (s) => states.push(s),
      signal: new AbortController().signal,
      exportId: 'e1',
      pollMs: 20,
      now: () => new Date('2026-11-23T10:00:00Z'),
      companies: [{ key: A, name: 'Boulangerie François Dupont SRL' }],
    });
    expect(end.failure).toBeUndefined();
    expect(end).toMatchObject({ phase: 'done', totalMessages: 20, withoutProof: 20, findings: [] });
    expect(h.uploads).toHaveLength(19);
    // Every message tells the helper whose mail it is, for report.pdf.
    expect(h.sent.map((m) => m.enterprise)).toEqual(Array(20).fill({ cbe: A, name: 'Boulangerie François Dupont SRL' }));
    expect(new Set(states.map((s) => s.phase))).toEqual(new Set(['uploading', 'exporting', 'downloading', 'done']));
    // Named after the company chosen, not the helper's (development) signing identity.
    expect(saved!.name).toBe('e-box-bundle-boulangerie-francois-dupont-srl-2026-11-23.asice');
    expect(end.fileName).toBe(saved!.name);

    const path = join(dir, saved!.name);
    writeFileSync(path, Buffer.from(await saved!.file.arrayBuffer()));
    // The auditor pins the signer: here, the helper's own (development) certificate authority.
    const v = await verifyBundle(path, { trusted: [helper.ctx.identity.current.chain.at(-1)!] });
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.counts.messages).toBe(20);
    expect(v.withoutProof).toHaveLength(20);
    // The helper's copy is gone once the file is saved.
    expect(readdirSync(join(dataDir, 'bundles'))).toEqual([]);
  });

  it('cancels while the helper writes, leaving no file in its bundle folder', async () => {
    const { archive, ids } = archiveOf(3);
    const controller = new AbortController();
    const h = countingHelper();
    const end = await runBundleExport(ids, 'cancel test', {
      helper: { ...h, createBundle: async (r) => { const job = await h.createBundle(r); controller.abort(); return job; } },
      archive,
      save: async () => expect.unreachable('a cancelled export saves nothing'),
      publish: () => {},
      signal: controller.signal,
      exportId: 'e2',
      pollMs: 20,
      companies: [{ key: A }],
    });
    expect(end.phase).toBe('cancelled');
    expect(existsSync(join(dataDir, 'bundles')) ? readdirSync(join(dataDir, 'bundles')) : []).toEqual([]);
  });

  it('says the helper is not running when nothing answers on its port', async () => {
    const { archive, ids } = archiveOf(1);
    const gone = new HelperClient({ port: 1, secret: 'x.y' });
    const end = await runBundleExport(ids, 'unreachable', {
      helper: { ...countingHelper(), signerSubject: () => gone.status().then((s) => s.identity.subject) },
      archive,
      save: async (_id, name) => name,
      publish: () => {},
      signal: new AbortController().signal,
      exportId: 'e3',
      companies: [{ key: 'unknown' }],
    });
    expect(end).toMatchObject({ phase: 'failed', failure: { reason: 'not-running' } });
  });

  it("refuses to put another company's message in a bundle chosen for one company", async () => {
    const { archive, ids } = archiveOf(3, (i) => (i === 2 ? B : A));
    const h = countingHelper();
    const end = await runBundleExport(ids, 'mixed', {
      helper: h,
      archive,
      save: async () => expect.unreachable('nothing is bundled'),
      publish: () => {},
      signal: new AbortController().signal,
      exportId: 'e4',
      companies: [{ key: A, name: 'Boulangerie François Dupont SRL' }],
    });
    expect(end).toMatchObject({ phase: 'failed', failure: { reason: 'failed' } });
    expect(end.failure!.message).toMatch(/company not chosen/);
    expect(h.uploads).toEqual([]);
  });
});
