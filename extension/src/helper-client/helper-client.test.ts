// The client against the real helper (a real server on 127.0.0.1:0, real fetch), with a fetch wrapper adding
// what Chrome adds to a service worker's POSTs: the extension's Origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { issuePairingCode } from '../../../helper/src/pairing/pairing-codes.ts';
import { HelperClient, HelperClientError } from './helper-client.ts';
import type { AcknowledgeRequest } from '../../../shared/helper-api/index.ts';

const EXTENSION_ID = 'kfhdgeojlmnnpoidlmnbdkafbcmpakfe';
const dataDir = mkdtempSync(join(tmpdir(), 'ebk-client-'));
let helper: RunningHelper;

const chromeLikeFetch = (origin = `chrome-extension://${EXTENSION_ID}`): typeof fetch => (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin } } : init);

beforeAll(async () => {
  helper = await startHelper({ dataDir, port: 0 });
});
afterAll(async () => {
  await helper.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const b64url = (s: string) => createHash('sha256').update(s).digest('base64url');
const request: AcknowledgeRequest = {
  message: {
    messageId: 'client-msg-1',
    subject: { fr: 'Recommandé', nl: 'Aangetekend' },
    senderOrganizationId: '0206731645',
    receiptDate: '2026-11-20T08:00:00+01:00',
    registeredMail: true,
  },
  documents: [{ attachmentId: 'a1', fileName: 'lettre.pdf', mediaType: 'application/pdf', sha256: b64url('lettre'), eboxDigest: b64url('lettre') }],
  openedAt: '2026-11-23T09:00:00+01:00',
  openedBy: { name: 'Jan Peeters' },
  language: 'nl',
};

describe('HelperClient against the real helper', () => {
  it('pairs, reads status, acknowledges, lists, downloads, stores documents, then unpairs', async () => {
    const unpaired = new HelperClient({ port: helper.port, fetch: chromeLikeFetch() });
    await expect(unpaired.status()).rejects.toMatchObject({ failure: 'unpaired', status: 401 });
    await expect(unpaired.pair('AAAA-AAAA', EXTENSION_ID)).rejects.toMatchObject({ failure: 'refused', code: 'bad_pairing_code' });

    const { display } = issuePairingCode(dataDir);
    const pairing = await unpaired.pair(display, EXTENSION_ID, 'Chrome test');
    const client = new HelperClient({ port: helper.port, secret: pairing.secret, fetch: chromeLikeFetch() });
    const status = await client.status();
    expect(status.identity.development).toBe(true);
    expect(status.pairing.label).toBe('Chrome test');

    const record = await client.acknowledge(request);
    expect(record.receipt.documents[0]!.digestCheck).toBe('match');
    expect((await client.receipt(record.receiptId)).inclusion.leafIndex).toBe(record.inclusion.leafIndex);
    expect((await client.receiptsForMessage('client-msg-1')).map((r) => r.receiptId)).toEqual([record.receiptId]);
    const pdf = await client.receiptFile(record.receiptId, 'pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    const p7s = await client.receiptFile(record.receiptId, 'p7s');
    expect(p7s.size).toBeGreaterThan(300);
    expect((await client.checkpoint()).treeSize).toBeGreaterThanOrEqual(1);
    // What browser.downloads is given fetches the same file from the helper (GET: no Origin needed).
    const download = client.downloadRequest(`/receipts/${record.receiptId}/receipt.p7s`);
    const direct = await fetch(download.url, { headers: Object.fromEntries(download.headers.map((h) => [h.name, h.value])) });
    expect(direct.status).toBe(200);
    expect(new Uint8Array(await direct.arrayBuffer())).toEqual(new Uint8Array(await p7s.arrayBuffer()));

    const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
    const doc = await client.storeDocument(createHash('sha256').update(bytes).digest('base64url'), bytes);
    expect(doc).toEqual({ sha256: createHash('sha256').update(bytes).digest('base64url'), sizeBytes: 100_000, alreadyStored: false });

    await expect(client.acknowledge({ ...request, openedAt: 'yesterday' })).rejects.toMatchObject({ failure: 'refused', status: 400, field: 'openedAt' });
    await client.unpair();
    await expect(client.status()).rejects.toMatchObject({ failure: 'unpaired' });
  });

  it('refuses to be used from a web page origin even with a valid secret', async () => {
    const { display } = issuePairingCode(dataDir);
    const pairing = await new HelperClient({ port: helper.port, fetch: chromeLikeFetch() }).pair(display, EXTENSION_ID);
    const fromPage = new HelperClient({ port: helper.port, secret: pairing.secret, fetch: chromeLikeFetch('https://app.eboxenterprise.be') });
    await expect(fromPage.acknowledge(request)).rejects.toMatchObject({ failure: 'refused', code: 'forbidden_origin' });
  });

  it('tells a stopped helper from another server on the port', async () => {
    const other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as AddressInfo).port;
    await expect(new HelperClient({ port }).status()).rejects.toMatchObject({ failure: 'not-helper' });
    await new Promise<void>((r) => other.close(() => r()));
    const err = await new HelperClient({ port }).status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HelperClientError);
    expect((err as HelperClientError).failure).toBe('not-running');
  });
});
