// The service worker's answers to the pages' helper requests, against the real helper on 127.0.0.1 (a real
// server, real fetch), with the Origin Chrome adds to an extension's POSTs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { issuePairingCode } from '../../../helper/src/pairing/pairing-codes.ts';
import { helperHandlers, helperSchemas } from './helper-requests.ts';
import { resetServed, serve } from '../messaging/server.ts';
import { WORKER_CALL, type Reply } from '../messaging/protocol.ts';
import { loadHelperConnection, saveHelperConnection } from './helper-connection.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ebk-settings-'));
let helper: RunningHelper;
const chromeLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: `chrome-extension://${fakeBrowser.runtime.id}` } } : init);
const handlers = helperHandlers({ fetch: chromeLikeFetch });

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
    expect(await handlers['helper.status'](undefined, {})).toBeNull();

    const { display } = issuePairingCode(dataDir);
    const status = await handlers['helper.pair']({ code: display.toLowerCase(), port: helper.port }, {});
    expect(status?.pairing.origin).toBe(`chrome-extension://${fakeBrowser.runtime.id}`);
    const stored = await loadHelperConnection();
    expect(stored).toMatchObject({ port: helper.port, pairing: { pairingId: status?.pairing.pairingId } });

    expect((await handlers['helper.status'](undefined, {}))?.helper.apiVersion).toBe(1);

    expect(await handlers['helper.unpair'](undefined, {})).toBeNull();
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('refuses a wrong code with the helper\'s reason and stores nothing', async () => {
    issuePairingCode(dataDir);
    await expect(handlers['helper.pair']({ code: 'AAAAAAAA', port: helper.port }, {})).rejects.toThrow(/code/i);
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('forgets a pairing the helper no longer knows', async () => {
    await saveHelperConnection({
      port: helper.port,
      pairing: { pairingId: 'gone', secret: 'gone.secret', origin: `chrome-extension://${fakeBrowser.runtime.id}`, pairedAt: '2026-11-01T10:00:00+01:00' },
    });
    expect(await handlers['helper.status'](undefined, {})).toBeNull();
    expect((await loadHelperConnection()).pairing).toBeNull();
  });

  it('says the helper is not running when nothing listens on the port', async () => {
    await saveHelperConnection({
      port: 1025,
      pairing: { pairingId: 'p', secret: 'p.s', origin: `chrome-extension://${fakeBrowser.runtime.id}`, pairedAt: '2026-11-01T10:00:00+01:00' },
    });
    await expect(handlers['helper.status'](undefined, {})).rejects.toThrow(/not running/);
    // Unpairing still works locally: there is nothing left to undo on the helper's side.
    expect(await handlers['helper.unpair'](undefined, {})).toBeNull();
  });

  it('answers only this extension\'s pages, and checks the pairing code before any call', async () => {
    resetServed();
    serve(handlers, helperSchemas);
    const answers: Reply[] = [];
    const call = (method: string, params: unknown, senderId: string) =>
      fakeBrowser.runtime.onMessage.trigger({ kind: WORKER_CALL, method, params }, { id: senderId }, (a: Reply) => answers.push(a));
    expect(await call('helper.status', undefined, 'another-extension')).toEqual([false]);
    expect(answers).toEqual([]);
    await call('helper.pair', { code: 'bad', port: 47_615 }, fakeBrowser.runtime.id);
    await expect.poll(() => answers.at(-1)).toEqual({ ok: false, error: { name: 'InvalidRequest', message: 'a pairing code of 8 letters and digits' } });
    expect(await call('helper.status', undefined, fakeBrowser.runtime.id)).toEqual([true]);
    await expect.poll(() => answers.at(-1)).toEqual({ ok: true, value: null });
    await call('helper.nothing', undefined, fakeBrowser.runtime.id);
    await expect.poll(() => answers.at(-1)).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
  });
});
