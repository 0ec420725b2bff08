// Pairing through the native host, end to end in Node: the service worker's answer to the popup's status request
// asks the host (here the real host's answer function on the helper's data directory), keeps the pairing, and
// reaches the real helper over HTTP with the secret it got.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startHelper, type RunningHelper } from '../../../helper/src/server.ts';
import { answerNativeRequest } from '../../../helper/src/native-host/native-host.ts';
import { NATIVE_HOST_NAME } from '../../../shared/extension-ids.ts';
import { helperHandlers } from './helper-requests.ts';
import { loadHelperConnection } from './helper-connection.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ebk-native-pairing-'));
let helper: RunningHelper;
const origin = () => `chrome-extension://${fakeBrowser.runtime.id}`;
const chromeLikeFetch: typeof fetch = (input, init) =>
  fetch(input, init?.method === 'POST' ? { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin() } } : init);

beforeAll(async () => {
  helper = await startHelper({ dataDir, port: 0, signingThreads: 0 });
});
afterAll(async () => {
  await helper.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => fakeBrowser.reset());

describe('pairing without a code', () => {
  it('an unpaired status request pairs through the native host and answers the helper status', async () => {
    const asked: string[] = [];
    const sendNative = async (application: string, message: unknown) => {
      asked.push(application);
      return answerNativeRequest(message, { dataDir, port: helper.port, callerArgs: [`${origin()}/`] });
    };
    const status = await helperHandlers({ fetch: chromeLikeFetch, sendNative })['helper.status'](undefined, {});
    expect(asked).toEqual([NATIVE_HOST_NAME]);
    expect(status?.pairing.origin).toBe(origin());
    expect(await loadHelperConnection()).toMatchObject({ port: helper.port, pairing: { origin: origin() } });
  });

  it('without a host (not installed) stays unpaired, for the one-time code', async () => {
    const sendNative = () => Promise.reject(new Error('Specified native messaging host not found.'));
    expect(await helperHandlers({ fetch: chromeLikeFetch, sendNative })['helper.status'](undefined, {})).toBeNull();
    expect((await loadHelperConnection()).pairing).toBeNull();
  });
});
