import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HELPER_VERSION_HEADER, SECRET_HEADER, helperErrorSchema } from '../../shared/helper-api/protocol.ts';
import { statusResponseSchema } from '../../shared/helper-api/status.ts';
import { receiptRecordSchema, receiptListSchema } from '../../shared/helper-api/receipts.ts';
import { pairResponseSchema } from '../../shared/helper-api/pairing.ts';
import { checkpointSchema, consistencyProofSchema } from '../../shared/helper-api/store.ts';
import { identitySummarySchema } from '../../shared/helper-api/identity.ts';
import { startTestHelper, issuePairingCode, TEST_PORT, EXTENSION_ID, type TestHelper } from './app.fixture.ts';
import { acknowledgeRequest, sha256b64url } from './receipts/receipt.fixture.ts';
import { verifyInclusion, verifyConsistency } from './store/merkle.ts';
import { openCheckpoint, parseVerifierKey } from './store/checkpoint.ts';
import { verifyCms } from './cms/verifier.ts';
import { opensslPkcs12 } from './identity/openssl-pkcs12.fixture.ts';
import { realLogFileOps } from './store/record-log.ts';

let h: TestHelper;
beforeAll(async () => {
  h = await startTestHelper();
});
afterAll(() => h.close());

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get(HELPER_VERSION_HEADER)).toMatch(/; api=1$/);
  const body = helperErrorSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body.error;
}

describe('loopback guards', () => {
  it('refuses a foreign or missing Host, accepts localhost on the port', async () => {
    await expectError(await h.call('/status', { headers: { host: 'attacker.example' } }), 403, 'forbidden_host');
    await expectError(await h.call('/status', { headers: { host: `127.0.0.1:${TEST_PORT + 1}` } }), 403, 'forbidden_host');
    await expectError(await h.call('/status', { headers: { host: `evil.127.0.0.1.nip.io:${TEST_PORT}` } }), 403, 'forbidden_host');
    expect((await h.call('/status', { headers: { host: `localhost:${TEST_PORT}` } })).status).toBe(403); // URL host differs from Host
    const viaLocalhost = await h.app.request(`http://localhost:${TEST_PORT}/v1/status`, { headers: { host: `localhost:${TEST_PORT}`, [SECRET_HEADER]: h.secret } });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses any web page Origin, on GET and POST, before anything else', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8080', 'null', 'file://']) {
      await expectError(await h.call('/status', { headers: { origin } }), 403, 'forbidden_origin');
      await expectError(await h.call('/receipts', { body: acknowledgeRequest(), headers: { origin } }), 403, 'forbidden_origin');
    }
  });

  it('refuses a missing or wrong secret, and a secret used from another extension', async () => {
    await expectError(await h.call('/status', { headers: { [SECRET_HEADER]: undefined } }), 401, 'unauthorized');
    await expectError(await h.call('/status', { headers: { [SECRET_HEADER]: h.secret.slice(0, -1) + (h.secret.endsWith('A') ? 'B' : 'A') } }), 401, 'unauthorized');
    await expectError(await h.call('/status', { headers: { [SECRET_HEADER]: 'nope' } }), 401, 'unauthorized');
    await expectError(await h.call('/status', { headers: { origin: 'chrome-extension://otherotherotherotherotherotherot' } }), 403, 'forbidden_origin');
  });

  it('answers 415 to POSTs that are not JSON, 405 to other methods, 413 to big bodies', async () => {
    await expectError(await h.call('/receipts', { body: JSON.stringify(acknowledgeRequest()), headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
    await expectError(await h.call('/receipts', { body: JSON.stringify(acknowledgeRequest()), headers: { 'content-type': undefined } }), 415, 'unsupported_media_type');
    await expectError(await h.call('/receipts', { method: 'PUT', body: '{}' }), 405, 'method_not_allowed');
    await expectError(await h.call('/receipts', { body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) }), 413, 'payload_too_large');
  });

  it('authenticates before reading any body: an unpaired chunked upload is refused with nothing read', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        if (pulled > 70 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await h.app.request(`http://127.0.0.1:${TEST_PORT}/v1/documents`, {
      method: 'POST',
      headers: { host: `127.0.0.1:${TEST_PORT}`, origin: `chrome-extension://${EXTENSION_ID}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 401, 'unauthorized');
    // A stream is pulled ahead by at most its queue (one chunk): nothing like the 66 MiB the route would accept.
    expect(pulled).toBeLessThanOrEqual(2 * chunk.length);
  });

  it('answers 400 naming the field', async () => {
    await expectError(await h.call('/receipts', { body: '{not json' }), 400, 'bad_request');
    const bad = acknowledgeRequest();
    bad.documents[0]!.sha256 = 'not-a-hash';
    const err = await expectError(await h.call('/receipts', { body: bad }), 400, 'bad_request', 'documents.0.sha256');
    expect(err.message).toMatch(/documents\.0\.sha256/);
    await expectError(await h.call('/receipts', { body: { ...acknowledgeRequest(), openedBy: {} } }), 400, 'bad_request', 'openedBy');
    await expectError(await h.call('/receipts', { body: { ...acknowledgeRequest(), message: { ...acknowledgeRequest().message, senderOrganizationId: '12' } } }), 400, 'bad_request', 'message.senderOrganizationId');
  });

  it('never sends CORS headers, always the version header, and 412 for another API version', async () => {
    const res = await h.call('/status', { headers: { 'access-control-request-method': 'POST' } });
    expect([...res.headers.keys()].filter((k) => k.startsWith('access-control'))).toEqual([]);
    await expectError(await h.call('/status', { headers: { 'x-ebox-keeper-api': '2' } }), 412, 'incompatible_version');
    await expectError(await h.call('/nothing-here'), 404, 'not_found');
  });
});

describe('pairing', () => {
  // Another extension than the fixture's, so pairing it leaves the fixture's secret in place.
  const OTHER_ID = 'pairingtestpairingtestpairingtes';
  const pair = (code: string, origin: string | null = `chrome-extension://${OTHER_ID}`) =>
    h.call('/pairing', { body: { code, extensionId: OTHER_ID, label: 'Chrome' }, headers: { origin: origin ?? undefined, [SECRET_HEADER]: undefined } });

  it('pairs with a live one-time code, binding the secret to the extension origin; unpair revokes it', async () => {
    const { display } = issuePairingCode(h.ctx.dataDir);
    await expectError(await pair(display, null), 403, 'forbidden_origin');
    await expectError(await pair(display, 'moz-extension://someone-else'), 403, 'forbidden_origin');
    const res = await pair(display.toLowerCase());
    expect(res.status).toBe(201);
    const paired = pairResponseSchema.parse(await res.json());
    expect(paired.origin).toBe(`chrome-extension://${OTHER_ID}`);
    await expectError(await pair(display), 401, 'bad_pairing_code'); // consumed
    const status = await h.call('/status', { headers: { [SECRET_HEADER]: paired.secret } });
    // The fixture's pairing is untouched by another extension pairing.
    expect((await h.call('/status')).status).toBe(200);
    expect(status.status).toBe(200);
    const unpaired = await h.call('/pairing/unpair', { body: {}, headers: { [SECRET_HEADER]: paired.secret, origin: paired.origin } });
    expect(await unpaired.json()).toEqual({ unpaired: true, pairingId: paired.pairingId });
    await expectError(await h.call('/status', { headers: { [SECRET_HEADER]: paired.secret } }), 401, 'unauthorized');
  });

  it('rate-limits wrong codes: after 5 failures even the right code waits', async () => {
    const other = await startTestHelper();
    const call = (code: string) => other.call('/pairing', { body: { code, extensionId: EXTENSION_ID }, headers: { [SECRET_HEADER]: undefined } });
    for (let i = 0; i < 5; i++) await expectError(await call('AAAA-AAAA'), 401, 'bad_pairing_code');
    const { code } = issuePairingCode(other.ctx.dataDir);
    const limited = await call(code);
    await expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await other.close();
  });
  it('limits wrong codes per caller: another origin spamming wrong codes does not lock the real extension out', async () => {
    const other = await startTestHelper();
    const attempt = (code: string, extensionId: string) =>
      other.call('/pairing', { body: { code, extensionId }, headers: { origin: `chrome-extension://${extensionId}`, [SECRET_HEADER]: undefined } });
    const attacker = 'attackerattackerattackerattacker';
    for (let i = 0; i < 8; i++) expect((await attempt('AAAA-AAAA', attacker)).status).toBeOneOf([401, 429]);
    await expectError(await attempt('AAAA-AAAA', attacker), 429, 'rate_limited');
    const { code } = issuePairingCode(other.ctx.dataDir);
    expect((await attempt(code, EXTENSION_ID)).status).toBe(201);
    await other.close();
  });

  it('a flood of wrong codes from many invented origins does not lock out the real extension: a paired origin, or the right code, still pairs', async () => {
    const other = await startTestHelper();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    try {
      const attempt = (code: string, extensionId: string) =>
        other.call('/pairing', { body: { code, extensionId }, headers: { origin: `chrome-extension://${extensionId}`, [SECRET_HEADER]: undefined } });
      const invented = (n: number) => n.toString(16).padStart(32, '0').replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]!);
      // 25 invented origins, 5 wrong codes each: past the ceiling of 100 over unpaired callers.
      for (let n = 0; n < 25; n++) for (let i = 0; i < 5; i++) expect((await attempt('AAAA-AAAA', invented(n))).status).toBeOneOf([401, 429]);
      await expectError(await attempt('AAAA-AAAA', invented(99)), 429, 'rate_limited');
      expect(logged.filter((l) => l.includes('flood of wrong pairing codes'))).toHaveLength(1);
      // The paired extension mistyping is told the code is wrong, not to wait.
      await expectError(await attempt('AAAA-AAAA', EXTENSION_ID), 401, 'bad_pairing_code');
      // The right code pairs, from the paired extension and from one never seen.
      expect((await attempt(issuePairingCode(other.ctx.dataDir).code, EXTENSION_ID)).status).toBe(201);
      expect((await attempt(issuePairingCode(other.ctx.dataDir).code, OTHER_ID)).status).toBe(201);
      // An invented caller still gets only its own 5 attempts: the code is not even looked at after them.
      const { code } = issuePairingCode(other.ctx.dataDir);
      for (let i = 0; i < 5; i++) await expectError(await attempt('AAAA-AAAA', invented(100)), 429, 'rate_limited');
      await expectError(await attempt(code, invented(100)), 429, 'rate_limited');
    } finally {
      spy.mockRestore();
      await other.close();
    }
  });

  it('strips control characters from the label before keeping or printing it', async () => {
    const other = await startTestHelper();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    try {
      const { code } = issuePairingCode(other.ctx.dataDir);
      const res = await other.call('/pairing', {
        body: { code, extensionId: OTHER_ID, label: 'Chrome\u001b[2J\r\nhelper: paired evil\u202e\u0007 laptop' },
        headers: { origin: `chrome-extension://${OTHER_ID}`, [SECRET_HEADER]: undefined },
      });
      expect(res.status).toBe(201);
    } finally {
      spy.mockRestore();
    }
    const line = logged.find((l) => l.includes('paired chrome-extension://'))!;
    expect(line).toContain('Chrome[2Jhelper: paired evil laptop');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(other.ctx.pairings.list().find((p) => p.extensionId === OTHER_ID)!.label).toBe('Chrome[2Jhelper: paired evil laptop');
    await other.close();
  });
});

describe('receipts and the proof store over HTTP', () => {
  it('acknowledges, proves inclusion under a signed checkpoint, and serves the receipt files', async () => {
    const res = await h.call('/receipts', { body: acknowledgeRequest() });
    expect(res.status).toBe(201);
    const record = receiptRecordSchema.parse(await res.json());
    expect(record.receipt.documents.map((d) => d.digestCheck)).toEqual(['match', 'mismatch']);
    expect(record.signer.development).toBe(true);
    const cp = openCheckpoint(record.checkpoint.note, parseVerifierKey(record.checkpoint.verifierKey));
    const path = record.inclusion.path.map((p) => Buffer.from(p, 'base64'));
    expect(verifyInclusion(Buffer.from(record.inclusion.leafHash, 'base64'), record.inclusion.leafIndex, cp.treeSize, path, cp.rootHash)).toBe(true);

    const json = Buffer.from(await (await h.call(`/receipts/${record.receiptId}/receipt.json`)).arrayBuffer());
    const p7s = Buffer.from(await (await h.call(`/receipts/${record.receiptId}/receipt.p7s`)).arrayBuffer());
    expect(JSON.parse(json.toString())).toEqual(record.receipt);
    expect(verifyCms(p7s, json).signerCertificate).toBeDefined();
    const pdf = await h.call(`/receipts/${record.receiptId}/receipt.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The second download is the stored artifact, byte for byte.
    expect(Buffer.from(await (await h.call(`/receipts/${record.receiptId}/receipt.pdf`)).arrayBuffer()).equals(pdfBytes)).toBe(true);

    expect(receiptRecordSchema.parse(await (await h.call(`/receipts/${record.receiptId}`)).json()).receiptId).toBe(record.receiptId);
    const list = receiptListSchema.parse(await (await h.call(`/receipts?messageId=${record.receipt.message.messageId}`)).json());
    expect(list.items.map((i) => i.receiptId)).toContain(record.receiptId);
    await expectError(await h.call('/receipts?messageId='), 400, 'bad_request', 'messageId');
    await expectError(await h.call('/receipts/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('serves checkpoints and consistency proofs that verify', async () => {
    const first = checkpointSchema.parse(await (await h.call('/store/checkpoint')).json());
    await h.call('/receipts', { body: acknowledgeRequest() });
    await h.call('/receipts', { body: acknowledgeRequest() });
    const second = checkpointSchema.parse(await (await h.call('/store/checkpoint')).json());
    const proof = consistencyProofSchema.parse(await (await h.call(`/store/consistency?from=${first.treeSize}&to=${second.treeSize}`)).json());
    const ok = verifyConsistency(first.treeSize, second.treeSize, proof.path.map((p) => Buffer.from(p, 'base64')), Buffer.from(first.rootHash, 'base64'), Buffer.from(second.rootHash, 'base64'));
    expect(ok).toBe(true);
    await expectError(await h.call(`/store/consistency?from=${second.treeSize}&to=1`), 400, 'bad_request', 'from');
    await expectError(await h.call(`/store/consistency?from=0&to=${second.treeSize + 5}`), 400, 'bad_request', 'to');
  });

  it('stores documents by hash and refuses content that does not match its hash', async () => {
    const body = { sha256: sha256b64url('hello'), contentBase64: Buffer.from('hello').toString('base64') };
    expect((await h.call('/documents', { body })).status).toBe(201);
    expect(await (await h.call('/documents', { body })).json()).toMatchObject({ alreadyStored: true, sizeBytes: 5 });
    await expectError(await h.call('/documents', { body: { ...body, contentBase64: Buffer.from('hellO').toString('base64') } }), 400, 'bad_request', 'contentBase64');
  });

  it('imports a PKCS#12: wrong password is a clear 400, the right one replaces the development identity', async () => {
    const p12 = opensslPkcs12(h.ctx.dataDir, ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'secret', 'company');
    const wrong = await expectError(await h.call('/identity/import', { body: { pkcs12: p12.toString('base64'), password: 'nope' } }), 400, 'bad_identity', 'pkcs12');
    expect(wrong.message).toBe('wrong password for this PKCS#12 file');
    await expectError(await h.call('/identity/import', { body: { pkcs12: 'AAAA', password: 'x' } }), 400, 'bad_identity');
    const res = await h.call('/identity/import', { body: { pkcs12: p12.toString('base64'), password: 'secret' } });
    const summary = identitySummarySchema.parse(await res.json());
    expect(summary).toMatchObject({ development: false, subject: expect.stringContaining('CN=company') });
    expect(JSON.stringify(summary)).not.toMatch(/PRIVATE|secret/);
    const record = receiptRecordSchema.parse(await (await h.call('/receipts', { body: acknowledgeRequest() })).json());
    expect(record.signer.development).toBe(false);
    const status = statusResponseSchema.parse(await (await h.call('/status')).json());
    // The document stored above counts; the signed PDF receipt (also a blob) does not.
    expect(status.store.documentsStored).toBe(1);
    expect(status.identity.certificateSha256).toBe(summary.certificateSha256);
  });
});

describe('a full disk', () => {
  it('answers 507 and keeps the store consistent', async () => {
    let full = false;
    const helper = await startTestHelper({
      fileOps: {
        ...realLogFileOps,
        write: (handle, data, position) =>
          full ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) : realLogFileOps.write(handle, data, position),
      },
    });
    expect((await helper.call('/receipts', { body: acknowledgeRequest() })).status).toBe(201);
    full = true;
    await expectError(await helper.call('/receipts', { body: acknowledgeRequest() }), 507, 'storage_full');
    full = false;
    const record = receiptRecordSchema.parse(await (await helper.call('/receipts', { body: acknowledgeRequest() })).json());
    expect(record.inclusion.leafIndex).toBe(1);
    await helper.close();
  });
});
