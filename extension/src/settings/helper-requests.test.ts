// The service worker's answers to the pages' helper requests, against the real helper on 127.0.0.1 (a real
// server, real fetch), with the Origin Chrome adds to an extension's POSTs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { issuePairingCode } from '../../../helper/src/pairing/pairing-codes.ts';
import { answerHelperRequest, helperRequestListener, type HelperAnswer } from './helper-requests.ts';
import { loadHelperConnection, saveHelperConnection } from './helper-connection.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ebk-settings-'));
let helper: RunningHelper;
const chromeLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: `chrome-extension://${fakeBrowser.runtime.id}` } } : init);
const deps = { fetch: chromeLikeFetch };

beforeAll(async () => {
  helper = await startHelper({ dataDir, port: 0 });
});
afterAll(async () => {
  await helper.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => fakeBrowser.reset());

describe('helper requests answered by the service worker', () => {
  it('is "not paired" until paired, pairs with the code, reports status, unpairs', async () => {
    expect(await answerHelperRequest({ type: 'helper/status' }, deps)).toBeNull();

    const { display } = issuePairingCode(dataDir);
    const status = await answerHelperRequest({ type: 'helper/pair', code: display.toLowerCase(), port: helper.port }, deps);
    expect(status?.pairing.origin).toBe(`chrome-extension://${fakeBrowser.runtime.id}`);
    const stored = await loadHelperConnection();
    expect(stored).toMatchObject({ port: helper.port, pairing: { pairingId: status?.pairing.pairingId } });

    expect((await answerHelperRequest({ type: 'helper/status' }, deps))?.helper.apiVersion).toBe(1);

    expect(await answerHelperRequest({ type: 'helper/unpair' }, deps)).toBeNull();
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('refuses a wrong code with the helper\'s reason and stores nothing', async () => {
    issuePairingCode(dataDir);
    await expect(answerHelperRequest({ type: 'helper/pair', code: 'AAAAAAAA', port: helper.port }, deps)).rejects.toThrow(/code/i);
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('forgets a pairing the helper no longer knows', async () => {
    await saveHelperConnection({
      port: helper.port,
      pairing: { pairingId: 'gone', secret: 'gone.secret', origin: `chrome-extension://${fakeBrowser.runtime.id}`, pairedAt: '2026-11-01T10:00:00+01:00' },
    });
    expect(await answerHelperRequest({ type: 'helper/status' }, deps)).toBeNull();
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('says the helper is not running when nothing listens on the port', async () => {
    await saveHelperConnection({
      port: 1025,
      pairing: { pairingId: 'p', secret: 'p.s', origin: `chrome-extension://${fakeBrowser.runtime.id}`, pairedAt: '2026-11-01T10:00:00+01:00' },
    });
    await expect(answerHelperRequest({ type: 'helper/status' }, deps)).rejects.toThrow(/not running/);
    // Unpairing still works locally: there is nothing left to undo on the helper's side.
    expect(await answerHelperRequest({ type: 'helper/unpair' }, deps)).toBeNull();
  });

  it('answers only this extension\'s pages, and only helper requests', async () => {
    const listener = helperRequestListener(deps);
    const answers: HelperAnswer[] = [];
    expect(listener({ type: 'helper/status' }, { id: 'another-extension' }, (a) => answers.push(a))).toBe(false);
    expect(listener({ type: 'expiry/overview' }, { id: fakeBrowser.runtime.id }, (a) => answers.push(a))).toBe(false);
    expect(answers).toEqual([]);
    listener({ type: 'helper/pair', code: 'bad', port: 47_615 }, { id: fakeBrowser.runtime.id }, (a) => answers.push(a));
    expect(answers).toEqual([{ ok: false, error: 'a pairing code of 8 letters and digits' }]);
    expect(listener({ type: 'helper/status' }, { id: fakeBrowser.runtime.id }, (a) => answers.push(a))).toBe(true);
    await expect.poll(() => answers.at(-1)).toEqual({ ok: true, status: null });
  });
});
