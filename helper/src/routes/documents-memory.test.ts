// Raw document uploads against a real helper process: 16 parallel 60 MB uploads from the paired extension are
// streamed to disk, so the process's peak memory (VmHWM, Linux) stays bounded; a helper that buffered each body
// (two admitted at once by the body budget) would hold at least 120 MiB of them. V8 lets up to 64 MiB of socket
// buffers already read and released wait for a collection (its external-memory soft limit), hence the bound of
// 96 MiB rather than a few. Each upload is stored whole under its hash; a body that does not match leaves nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SECRET_HEADER } from '../../../shared/helper-api/protocol.ts';
import { PairingRegistry } from '../pairing/pairing-registry.ts';

const BIN = fileURLToPath(new URL('../../bin/ebox-keeper.js', import.meta.url));
const ORIGIN = 'chrome-extension://memorymemorymemorymemorymemoryme';
const UPLOADS = 16;
const MIB = 1024 * 1024;
const UPLOAD_MIB = 60;

let dataDir: string;
let child: ChildProcess;
let port: number;
let secret: string;
/** What the helper printed, to show when a test fails. */
let helperOutput = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ebk-upload-memory-'));
  secret = new PairingRegistry(dataDir).pair(ORIGIN, 'memorymemorymemorymemorymemoryme', 'memory test').header;
  child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--signing-threads', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      helperOutput += d.toString();
      const out = helperOutput;
      const p = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (p && out.includes('ready:')) resolve(Number(p));
    });
    child.stderr!.on('data', (d: Buffer) => (helperOutput += d.toString()));
    child.on('exit', (code) => reject(new Error(`the helper exited (${code}): ${helperOutput}`)));
  });
}, 60_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Upload `n`'s bytes, one MiB at a time: a block of its own so no two uploads share a hash. */
function* chunks(n: number, mib: number): Generator<Buffer> {
  const block = createHash('sha512');
  for (let k = 0; k < mib; k++) {
    const chunk = Buffer.alloc(MIB);
    const seed = block.copy().update(`${n}/${k}`).digest();
    for (let at = 0; at < MIB; at += seed.length) seed.copy(chunk, at);
    yield chunk;
  }
}

const digestOf = (n: number, mib: number) => {
  const h = createHash('sha256');
  for (const c of chunks(n, mib)) h.update(c);
  return h.digest('base64url');
};

/** POSTs the upload with its Content-Length as the extension does (chunked without one), waiting on the socket between chunks. */
function upload(digest: string, body: Iterable<Buffer>, length?: number): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        // A connection of its own: a kept-alive one may have been closed by the helper while the test hashed.
        agent: false,
        path: `/v1/documents/${digest}`,
        headers: { [SECRET_HEADER]: secret, origin: ORIGIN, 'content-type': 'application/octet-stream', ...(length === undefined ? {} : { 'content-length': length }) },
      },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    // The helper may close the connection once it has answered (a refusal before the whole body was sent).
    req.on('error', (err) => (answered ? undefined : reject(new Error(`${err.message}; the helper said: ${helperOutput.slice(-2000)}`))));
    const it = body[Symbol.iterator]();
    const write = () => {
      for (let next = it.next(); !next.done; next = it.next()) if (!req.write(next.value)) return void req.once('drain', write);
      req.end();
    };
    write();
  });
}

/** The helper process's peak resident memory so far, in bytes. */
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) * 1024;

it.runIf(process.platform === 'linux')('streams 16 parallel 60 MB uploads to disk: peak memory stays bounded', { timeout: 300_000 }, async () => {
  // Warm up the route (lazy loads, JIT) so the baseline is the helper at work, not the helper at rest.
  const warm = await upload(digestOf(99, 2), chunks(99, 2), 2 * MIB);
  expect(warm.status).toBe(201);
  const before = peakRss();

  const digests = Array.from({ length: UPLOADS }, (_, n) => digestOf(n, UPLOAD_MIB));
  const answers = await Promise.all(digests.map((d, n) => upload(d, chunks(n, UPLOAD_MIB), UPLOAD_MIB * MIB)));
  const growth = peakRss() - before;

  for (const [n, a] of answers.entries()) expect(a, `upload ${n}`).toMatchObject({ status: 201, json: { sha256: digests[n], sizeBytes: UPLOAD_MIB * MIB, alreadyStored: false } });
  for (const d of digests) {
    const hex = Buffer.from(d, 'base64url').toString('hex');
    const stored = readFileSync(join(dataDir, 'store', 'blobs', hex.slice(0, 2), hex));
    expect(createHash('sha256').update(stored).digest('base64url')).toBe(d);
  }
  console.log(`upload memory: ${UPLOADS} x ${UPLOAD_MIB} MiB, helper peak RSS grew by ${(growth / MIB).toFixed(1)} MiB`);
  expect(growth).toBeLessThan(96 * MIB);
});

it('keeps nothing of a body that does not hash to the SHA-256 in its path', async () => {
  const wrong = await upload(digestOf(7, 1), chunks(8, 1), MIB);
  expect(wrong.status).toBe(400);
  expect(wrong.json).toMatchObject({ error: { code: 'bad_request' } });
  const blobs = join(dataDir, 'store', 'blobs');
  expect(readdirSync(blobs).filter((n) => n.startsWith('.'))).toEqual([]);
  const hex = Buffer.from(digestOf(8, 1), 'base64url').toString('hex');
  expect(readdirSync(blobs).includes(hex.slice(0, 2)) && readdirSync(join(blobs, hex.slice(0, 2))).includes(hex)).toBe(false);
});

it('answers 413 to a chunked upload past the limit while it streams, and keeps nothing of it', async () => {
  const tooBig = await upload(digestOf(9, 67), chunks(9, 67));
  expect(tooBig.status).toBe(413);
  expect(tooBig.json).toMatchObject({ error: { code: 'payload_too_large' } });
  expect(readdirSync(join(dataDir, 'store', 'blobs')).filter((n) => n.startsWith('.'))).toEqual([]);
  // The helper is still there for the next upload.
  expect((await upload(digestOf(10, 1), chunks(10, 1), MIB)).status).toBe(201);
});
