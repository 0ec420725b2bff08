// The native-messaging host as the browser runs it: the `ebox-keeper native-host` process, spoken to in the
// protocol (32-bit little-endian length, then UTF-8 JSON) on its stdin and stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../../shared/extension-ids.ts';
import { nativePairAnswerSchema, type NativePairAnswer } from '../../../shared/helper-api/native-pairing.ts';
import { PairingRegistry } from '../pairing/pairing-registry.ts';

const BIN = join(fileURLToPath(import.meta.url), '..', '..', '..', 'bin', 'ebox-keeper.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length);
  return Buffer.concat([header, payload]);
}

/** Starts the host as a browser would, writes `frames`, closes stdin, and decodes every answer. */
async function talk(callerArgs: string[], frames: Buffer[]): Promise<{ dataDir: string; answers: NativePairAnswer[]; code: number | null; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ebk-native-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, [BIN, 'native-host', '--port', '47615', '--data-dir', dataDir, ...callerArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  for (const f of frames) child.stdin.write(f);
  child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  let all = Buffer.concat(out);
  const answers: NativePairAnswer[] = [];
  while (all.length >= 4) {
    const n = all.readUInt32LE(0);
    answers.push(nativePairAnswerSchema.parse(JSON.parse(all.subarray(4, 4 + n).toString('utf8'))));
    all = all.subarray(4 + n);
  }
  return { dataDir, answers, code, stderr };
}

const request = (message: unknown) => frame(Buffer.from(JSON.stringify(message), 'utf8'));

describe('ebox-keeper native-host', () => {
  it("pairs Chrome's caller: the answer's secret is one the helper's registry accepts, bound to that Origin", async () => {
    const origin = `chrome-extension://${CHROME_EXTENSION_ID}`;
    const { dataDir, answers, code } = await talk([`${origin}/`], [request({ type: 'pair', originHost: CHROME_EXTENSION_ID, scheme: 'chrome-extension' })]);
    expect(code).toBe(0);
    const [answer] = answers;
    if (!answer?.ok) throw new Error(`refused: ${JSON.stringify(answer)}`);
    expect(answer.port).toBe(47615);
    expect(answer.pairing.origin).toBe(origin);
    expect(new PairingRegistry(dataDir).authenticate(answer.pairing.secret)?.origin).toBe(origin);
  });

  it("refuses a request for another Origin than Chrome's caller, and pairs nothing", async () => {
    const { dataDir, answers } = await talk([`chrome-extension://${CHROME_EXTENSION_ID}/`], [request({ type: 'pair', originHost: 'a'.repeat(32), scheme: 'chrome-extension' })]);
    expect(answers).toEqual([{ ok: false, error: expect.stringMatching(/caller/) }]);
    expect(new PairingRegistry(dataDir).list()).toEqual([]);
  });

  it("pairs Firefox by the UUID host of its Origin (Firefox passes the manifest path and gecko id as arguments)", async () => {
    const uuid = '1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809';
    const { answers } = await talk(['/home/u/.mozilla/native-messaging-hosts/be.ebox_keeper.helper.json', FIREFOX_EXTENSION_ID], [request({ type: 'pair', originHost: uuid, scheme: 'moz-extension' })]);
    expect(answers[0]?.ok && answers[0].pairing.origin).toBe(`moz-extension://${uuid}`);
  });

  it('answers a malformed request with the reason, then goes on answering; a message split across writes is read whole', async () => {
    const good = request({ type: 'pair', originHost: CHROME_EXTENSION_ID, scheme: 'chrome-extension' });
    const { answers, code } = await talk([], [request({ type: 'hello' }), good.subarray(0, 7), good.subarray(7)]);
    expect(code).toBe(0);
    expect(answers.map((a) => a.ok)).toEqual([false, true]);
  });

  it('stops with an error, answering nothing, on a length beyond what it accepts', async () => {
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(10 * 1024 * 1024);
    const { answers, code, stderr } = await talk([], [huge]);
    expect(answers).toEqual([]);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/more than this host accepts/);
  });
});
