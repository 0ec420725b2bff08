import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { startTestHelper, type TestHelper } from '../app.fixture.ts';
import { acknowledgeRequest, sha256b64url } from '../receipts/receipt.fixture.ts';
import { startTsa, type RunningTsa } from '../../../test/tsa/server.ts';
import { scanLog, type LogRecord } from './record-log.ts';
import { decodeRecord } from './records.ts';
import { verifyStore } from './verify-store.ts';
import { noteSignerFromPkcs8, verifierKeyOf } from './checkpoint.ts';
import { generateKeyPairSync } from 'node:crypto';

let h: TestHelper;
let tsa: RunningTsa;
let storeDir: string;
let logPath: string;
let records: LogRecord[];

beforeAll(async () => {
  tsa = await startTsa();
  h = await startTestHelper({ tsaUrl: tsa.url });
  for (let i = 0; i < 6; i++) {
    const res = await h.call('/receipts', { body: acknowledgeRequest() });
    expect(res.status).toBe(201);
    if (i === 2) await h.call(`/receipts/${((await res.json()) as { receiptId: string }).receiptId}/receipt.pdf`);
  }
  await h.call('/documents', { body: { sha256: sha256b64url('hello'), contentBase64: Buffer.from('hello').toString('base64') } });
  await h.ctx.store.timestampLatest();
  storeDir = h.ctx.store.dir;
  logPath = join(storeDir, 'log.bin');
  records = [...scanLog(logPath, [])];
}, 60_000);
afterAll(async () => {
  await h.close();
  await tsa.close();
});

function withAlteredByte<T>(path: string, position: number, f: () => T): T {
  const original = readFileSync(path);
  const altered = Buffer.from(original);
  altered[position]! ^= 0x5a;
  writeFileSync(path, altered);
  try {
    return f();
  } finally {
    writeFileSync(path, original);
  }
}

describe('verify-store', () => {
  it('passes an intact store with receipts, a PDF, a document and a time-stamped checkpoint', () => {
    const report = verifyStore(storeDir, { signatures: true });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, entries: 6, artifacts: 1, uncheckpointedEntries: 0, blobs: 2 });
    // The first checkpoint is stamped in the background, the newest by timestampLatest().
    expect(report.checkpointTimestamps).toBeGreaterThanOrEqual(1);
    expect(report.checkpoints).toBeGreaterThanOrEqual(6);
  });

  it('fails and names the record for a flipped byte anywhere in the log (bytes spread over every record, every header byte)', () => {
    const size = readFileSync(logPath).length;
    const positions = new Set<number>();
    for (let p = 0; p < size; p += 127) positions.add(p);
    positions.add(size - 1);
    for (const r of records) for (let k = 0; k < 8; k++) positions.add(r.offset + k);
    for (const p of positions) {
      const report = withAlteredByte(logPath, p, () => verifyStore(storeDir));
      expect(report.ok, `byte ${p}`).toBe(false);
      if (p < 8) {
        expect(report.problems[0]!.byteOffset).toBe(0);
        continue;
      }
      const r = records.find((x) => p >= x.offset && p < x.offset + 8 + x.payload.length)!;
      const named = report.problems.find((pr) => pr.byteOffset === r.offset);
      expect(named, `byte ${p} in record ${r.number}: ${JSON.stringify(report.problems)}`).toBeDefined();
      expect(named!.message).toMatch(new RegExp(`record ${r.number}|byte ${r.offset}`));
    }
  }, 120_000);

  it('names the entry when an alteration keeps a valid checksum (the entry signature no longer verifies)', () => {
    const entryRecords = records.filter((r) => decodeRecord(r.payload).kind === 'entry');
    const target = entryRecords[3]!;
    const original = readFileSync(logPath);
    const altered = Buffer.from(original);
    const at = original.indexOf('Anne Dupont', target.offset);
    altered.write('Anne Dupond', at, 'utf8');
    altered.writeUInt32BE(crc32(altered.subarray(target.offset + 8, target.offset + 8 + target.payload.length)), target.offset + 4);
    writeFileSync(logPath, altered);
    try {
      const report = verifyStore(storeDir);
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.message).join('\n')).toMatch(/entry 3 no longer matches its signature/);
    } finally {
      writeFileSync(logPath, original);
    }
  });

  function withRecords<T>(reorder: (rs: LogRecord[]) => LogRecord[], f: () => T): T {
    const original = readFileSync(logPath);
    const frames = reorder([...records]).map((r) => original.subarray(r.offset, r.offset + 8 + r.payload.length));
    writeFileSync(logPath, Buffer.concat([original.subarray(0, 8), ...frames]));
    try {
      return f();
    } finally {
      writeFileSync(logPath, original);
    }
  }
  const entryRecord = (i: number) => records.filter((r) => decodeRecord(r.payload).kind === 'entry')[i]!;

  it('names exactly the entry deleted from the middle, and no other', () => {
    const gone = entryRecord(3);
    const report = withRecords((rs) => rs.filter((r) => r !== gone), () => verifyStore(storeDir));
    expect(report.ok).toBe(false);
    const messages = report.problems.map((p) => p.message);
    expect(messages.filter((m) => /missing/.test(m))).toHaveLength(1);
    expect(messages.join('\n')).toMatch(/^entry 3 is missing/m);
    expect(messages.join('\n')).not.toMatch(/entries \d+ to \d+/);
  });

  it('names both entries of a swap', () => {
    const a = entryRecord(2);
    const b = entryRecord(3);
    const report = withRecords((rs) => rs.map((r) => (r === a ? b : r === b ? a : r)), () => verifyStore(storeDir));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual([expect.stringMatching(new RegExp(`^entries 2 and 3 were swapped: record ${a.number} holds entry 3 and record ${b.number} holds entry 2`))]);
  });

  it('--since proves the store only grew, and raises an alarm, in the function and the CLI, when it shrank', () => {
    const checkpointRecords = records.filter((r) => decodeRecord(r.payload).kind === 'checkpoint');
    const noteOf = (r: LogRecord) => (decodeRecord(r.payload) as { note: string }).note;
    const early = noteOf(checkpointRecords[2]!); // 3 entries
    expect(verifyStore(storeDir, { since: early }).since).toEqual({ fromSize: 3, toSize: 6, verdict: 'grew' });
    const saved = join(storeDir, '..', 'saved-checkpoint.txt');
    writeFileSync(saved, noteOf(checkpointRecords.at(-1)!));
    const cli = () => spawnSync(process.execPath, ['helper/bin/ebox-keeper.js', 'verify-store', '--since', saved, '--data-dir', join(storeDir, '..')], { encoding: 'utf8' });
    expect(cli().stdout).toMatch(/since the checkpoint of 6 entries: unchanged/);
    // Rolled back to 4 entries, cleanly at a record boundary (the witness file removed too).
    const cut = entryRecord(4).offset;
    const original = readFileSync(logPath);
    const witness = readFileSync(join(storeDir, 'witness'));
    writeFileSync(logPath, original.subarray(0, cut));
    rmSync(join(storeDir, 'witness'));
    try {
      const report = verifyStore(storeDir, { since: noteOf(checkpointRecords.at(-1)!) });
      expect(report.ok).toBe(false);
      expect(report.since?.verdict).toBe('shrank');
      const run = cli();
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/ALARM: the store shrank: the checkpoint given with --since covers 6 entries, the store's newest covers 4/);
      // Without --since, the witness file alone catches it.
      writeFileSync(join(storeDir, 'witness'), witness);
      expect(verifyStore(storeDir).problems.map((p) => p.message)).toEqual([expect.stringMatching(/ALARM: the store shrank: the witness file recorded a checkpoint of 6 entries/)]);
    } finally {
      writeFileSync(logPath, original);
      writeFileSync(join(storeDir, 'witness'), witness);
    }
  });

  it('names the entry whose signed PDF was altered, and the altered document file', () => {
    const blobsDir = join(storeDir, 'blobs');
    const files = readdirSync(blobsDir).flatMap((d) => readdirSync(join(blobsDir, d)).map((f) => join(blobsDir, d, f)));
    expect(files).toHaveLength(2);
    const pdf = files.find((f) => readFileSync(f).subarray(0, 5).toString() === '%PDF-')!;
    const doc = files.find((f) => f !== pdf)!;
    const r1 = withAlteredByte(pdf, 400, () => verifyStore(storeDir));
    expect(r1.problems.map((p) => p.message).join()).toMatch(/the signed PDF of entry 2/);
    const r2 = withAlteredByte(doc, 1, () => verifyStore(storeDir));
    expect(r2.problems[0]).toMatchObject({ file: expect.stringContaining(doc.slice(-64)), message: expect.stringMatching(/a stored document/) });
  });

  it('refuses a store whose checkpoint key is not the pinned one', () => {
    const other = noteSignerFromPkcs8(h.ctx.store.info.origin, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const report = verifyStore(storeDir, { verifierKey: verifierKeyOf(other) });
    expect(report.ok).toBe(false);
    expect(report.problems[0]!.message).toMatch(/another checkpoint key/);
    expect(report.problems[1]!.message).toMatch(/checkpoint in record \d+ at byte \d+: checkpoint carries no signature/);
  });
});
