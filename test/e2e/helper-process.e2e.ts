// The helper as a real process: where it listens, how it treats raw requests, and what survives kill -9.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { receiptRecordSchema, type ReceiptRecord } from '../../shared/helper-api/receipts.ts';
import { verifyInclusion } from '../../helper/src/store/merkle.ts';
import { openCheckpoint, parseVerifierKey } from '../../helper/src/store/checkpoint.ts';
import { acknowledgeRequest } from '../../helper/src/receipts/receipt.fixture.ts';
import { startTsa, type RunningTsa } from '../tsa/server.ts';
import { helperFetch, pairWith, spawnHelper, stopHelper, type HelperProcess } from './helper-support.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const dirs: string[] = [];
const running: HelperProcess[] = [];
let tsa: RunningTsa;
beforeAll(async () => {
  tsa = await startTsa();
});
afterAll(async () => {
  await Promise.all(running.map((h) => stopHelper(h, 'SIGKILL')));
  await tsa.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ebk-e2e-'));
  dirs.push(d);
  return d;
}

async function start(dir: string, args: string[] = [], port = 0): Promise<HelperProcess> {
  const h = await spawnHelper(dir, args, port);
  running.push(h);
  return h;
}

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (c) => {
      data += c.toString();
      if (data.includes('\r\n\r\n') && /"error"|\}$/.test(data)) socket.end();
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 5000);
  });
}

function verifyStoreCli(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'helper/bin/ebox-keeper.js'), 'verify-store', '--data-dir', dir]);
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the helper process', () => {
  it('listens on 127.0.0.1 only', async () => {
    const h = await start(dataDir());
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) {
      const refused = await new Promise<string>((resolve) => {
        const s = connect(h.port, external);
        s.on('connect', () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
    // Every listening socket on the port, by its local address column: only 127.0.0.1.
    const local = spawnSync('ss', ['-Hltn', `sport = :${h.port}`]).stdout.toString().trim().split('\n').map((l) => l.split(/\s+/)[3]);
    expect(local).toEqual([`127.0.0.1:${h.port}`]);
    await stopHelper(h);
  });

  it('refuses an absolute-form request line naming another host, and a rebinding Host, through a real socket', async () => {
    const h = await start(dataDir());
    const viaProxy = await rawRequest(h.port, `GET http://attacker.example/v1/status HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n`);
    expect(viaProxy).toMatch(/^HTTP\/1\.1 403/);
    expect(viaProxy).toMatch(/forbidden_host/);
    const mixed = await rawRequest(h.port, `GET http://attacker.example/v1/status HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`);
    expect(mixed).toMatch(/^HTTP\/1\.1 403/);
    const rebinding = await rawRequest(h.port, `GET /v1/status HTTP/1.1\r\nHost: rebind.attacker.example:${h.port}\r\nConnection: close\r\n\r\n`);
    expect(rebinding).toMatch(/^HTTP\/1\.1 403/);
    expect(rebinding).toMatch(/x-ebox-keeper-version: /i);
    expect(rebinding).not.toMatch(/access-control-allow/i);
    await stopHelper(h);
  });

  it('loses no acknowledged proof when killed with SIGKILL under load from 32 clients', async () => {
    const dir = dataDir();
    const h = await start(dir);
    const secret = await pairWith(h, h.pairingCode!);
    const acknowledged: ReceiptRecord[] = [];
    let stop = false;
    let failures = 0;
    const client = async () => {
      while (!stop) {
        try {
          const res = await helperFetch(h, secret, '/receipts', acknowledgeRequest());
          if (res.status === 201) acknowledged.push(receiptRecordSchema.parse(await res.json()));
        } catch {
          failures++; // the connection died with the process: that request was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: 32 }, client);
    await new Promise((r) => setTimeout(r, 1500));
    h.child.kill('SIGKILL');
    await new Promise((r) => h.child.once('exit', r));
    stop = true;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(50);

    // Restart on the same data: every acknowledged receipt is there, under the new checkpoint.
    const again = await start(dir);
    for (const rec of acknowledged) {
      const res = await helperFetch(again, secret, `/receipts/${rec.receiptId}`);
      expect(res.status, rec.receiptId).toBe(200);
      const now = receiptRecordSchema.parse(await res.json());
      expect(now.receipt).toEqual(rec.receipt);
      expect(now.inclusion.leafIndex).toBe(rec.inclusion.leafIndex);
      const cp = openCheckpoint(now.checkpoint.note, parseVerifierKey(rec.checkpoint.verifierKey));
      const path = now.inclusion.path.map((p) => Buffer.from(p, 'base64'));
      expect(verifyInclusion(Buffer.from(now.inclusion.leafHash, 'base64'), now.inclusion.leafIndex, cp.treeSize, path, cp.rootHash)).toBe(true);
      // The checkpoint the client was given is a prefix of today's tree.
      expect(cp.treeSize).toBeGreaterThanOrEqual(rec.checkpoint.treeSize);
    }
    await stopHelper(again);
    const verified = verifyStoreCli(dir);
    expect(verified.out).toMatch(/^OK/);
    expect(verified.status).toBe(0);
  });

  it('with a TSA: receipts are CAdES-B-T, openssl cms -verify accepts the .p7s and pdfsig the PDF', async () => {
    const dir = dataDir();
    const h = await start(dir, ['--tsa-url', tsa.url]);
    const secret = await pairWith(h, h.pairingCode!);
    const ack = await helperFetch(h, secret, '/receipts', acknowledgeRequest({ language: 'de' }));
    const ackBody = await ack.text();
    expect(ack.status, `${ackBody}\n${h.output()}`).toBe(201);
    const record = receiptRecordSchema.parse(JSON.parse(ackBody));
    expect(record.timestamped).toBe(true);
    const get = async (path: string) => Buffer.from(await (await helperFetch(h, secret, path)).arrayBuffer());
    const json = await get(`/receipts/${record.receiptId}/receipt.json`);
    const p7s = await get(`/receipts/${record.receiptId}/receipt.p7s`);
    const pdf = await get(`/receipts/${record.receiptId}/receipt.pdf`);
    writeFileSync(join(dir, 'r.json'), json);
    writeFileSync(join(dir, 'r.p7s'), p7s);
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const chain = spawnSync('cat', [join(dir, 'identity', 'chain.pem')]).stdout;
    writeFileSync(join(dir, 'chain.pem'), chain);
    const cms = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'r.p7s'), '-content', join(dir, 'r.json'), '-CAfile', join(dir, 'chain.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(`${cms.stderr}`).toMatch(/Verification successful/);
    const pdfsig = spawnSync('pdfsig', [join(dir, 'r.pdf')]);
    const sig = `${pdfsig.stdout}${pdfsig.stderr}`;
    expect(sig).toMatch(/Signature is Valid/);
    expect(sig).toMatch(/Total document signed/);
    await stopHelper(h);
  });
});
