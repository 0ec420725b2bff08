import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, openSafeZip, UnsafeZipError } from './safe-zip.ts';

const dir = mkdtempSync(join(tmpdir(), 'safe-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { name: string; bytes?: Buffer; mode?: number; compress?: boolean };

/** Writes a zip with yazl; `rename` then swaps placeholder names byte for byte (yazl refuses unsafe names). */
async function makeZip(file: string, entries: Entry[], rename: [string, string][] = []): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes ?? Buffer.from('x'), e.name, { compress: e.compress ?? false, ...(e.mode ? { mode: e.mode } : {}) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const [from, to] of rename) {
    expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
    let at = bytes.indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    while (at >= 0) {
      bytes.write(to, at);
      at = bytes.indexOf(from, at + 1);
    }
  }
  const path = join(dir, file);
  writeFileSync(path, bytes);
  bytes = Buffer.alloc(0);
  return path;
}

async function refusal(path: string, limits = DEFAULT_LIMITS): Promise<UnsafeZipError> {
  try {
    await openSafeZip(path, limits);
  } catch (err) {
    expect(err).toBeInstanceOf(UnsafeZipError);
    return err as UnsafeZipError;
  }
  throw new Error(`${path} was accepted`);
}

describe('openSafeZip', () => {
  it('opens an ordinary zip and lists its entries in order', async () => {
    const path = await makeZip('ok.zip', [{ name: 'a.txt' }, { name: 'dir/b.pdf' }]);
    const z = await openSafeZip(path);
    expect(z.entries.map((e) => e.fileName)).toEqual(['a.txt', 'dir/b.pdf']);
  });

  it('refuses a path that climbs out of the folder', async () => {
    const err = await refusal(await makeZip('dotdot.zip', [{ name: 'XX/evil.sh' }], [['XX/evil.sh', '../evil.sh']]));
    expect(err.message).toMatch(/escapes the folder/);
    expect(err.file).toBe('../evil.sh');
  });

  it('refuses an absolute path and a backslash path', async () => {
    expect((await refusal(await makeZip('abs.zip', [{ name: 'Xetc/passwd' }], [['Xetc/passwd', '/etc/passwd']]))).message).toMatch(/escapes the folder/);
    expect((await refusal(await makeZip('bs.zip', [{ name: 'aXb.txt' }], [['aXb.txt', 'a\\b.txt']]))).message).toMatch(/escapes the folder|backslash/);
  });

  it('refuses duplicate names, including names that differ only in case', async () => {
    expect((await refusal(await makeZip('dup.zip', [{ name: 'a.pdf' }, { name: 'a.pdf' }]))).message).toMatch(/duplicate/);
    expect((await refusal(await makeZip('case.zip', [{ name: 'Report.pdf' }, { name: 'report.pdf' }]))).message).toMatch(/duplicate/);
  });

  it('refuses symbolic links', async () => {
    const err = await refusal(await makeZip('link.zip', [{ name: 'link', bytes: Buffer.from('/etc/passwd'), mode: 0o120777 }]));
    expect(err.message).toMatch(/symbolic link/);
  });

  it('refuses an absurd number of entries before reading them', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}` }));
    const err = await refusal(await makeZip('many.zip', entries), { ...DEFAULT_LIMITS, maxEntries: 20 });
    expect(err.message).toMatch(/50 entries, more than the limit of 20/);
  });

  it('refuses a zip bomb by its compression ratio and by total size', async () => {
    const bomb = await makeZip('bomb.zip', [{ name: 'zeros.bin', bytes: Buffer.alloc(20 * 2 ** 20), compress: true }]);
    expect(readFileSync(bomb).length).toBeLessThan(100_000);
    expect((await refusal(bomb)).message).toMatch(/zip bomb/);
    expect((await refusal(bomb, { ...DEFAULT_LIMITS, maxEntrySize: 2 ** 20 })).message).toMatch(/more than the limit/);
  });

  it('refuses entries that overlap each other', async () => {
    const path = await makeZip('overlap.zip', [{ name: 'a.bin', bytes: Buffer.alloc(100, 1) }, { name: 'b.bin', bytes: Buffer.alloc(100, 2) }]);
    const bytes = readFileSync(path);
    // Point the second central directory record at the first entry's local header.
    const cd = bytes.readUInt32LE(bytes.length - 6);
    const second = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cd + 4);
    bytes.writeUInt32LE(0, second + 42);
    writeFileSync(path, bytes);
    expect((await refusal(path)).message).toMatch(/overlaps/);
  });

  it('says plainly when the file is not a zip at all', async () => {
    const path = join(dir, 'not.zip');
    writeFileSync(path, 'hello, this is not a zip');
    const err = await refusal(path);
    expect(err.file).toBe('(container)');
    expect(err.message).toMatch(/not a readable zip/);
  });
});
