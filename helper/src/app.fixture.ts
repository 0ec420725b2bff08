// Test support: a helper context in a temporary data directory, its app, and a paired extension's headers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';
import { createApp } from './app.ts';
import { createContext, type ContextOptions, type HelperContext } from './context.ts';
import { issuePairingCode } from './pairing/pairing-codes.ts';

export const TEST_PORT = 47_999;
export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export interface TestHelper {
  ctx: HelperContext;
  app: ReturnType<typeof createApp>;
  secret: string;
  /** app.request with the loopback Host, the extension Origin (POST) and the secret, unless overridden. */
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string | undefined> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestHelper(options: Partial<ContextOptions> = {}): Promise<TestHelper> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ebk-helper-'));
  const ctx = await createContext({ dataDir, port: TEST_PORT, ...options });
  const app = createApp(ctx);
  const { pairing, header } = ctx.pairings.pair(EXTENSION_ORIGIN, EXTENSION_ID, 'tests');
  void pairing;
  const call: TestHelper['call'] = (path, init = {}) => {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { host: `127.0.0.1:${TEST_PORT}`, [SECRET_HEADER]: header };
    if (method === 'POST') {
      headers.origin = EXTENSION_ORIGIN;
      headers['content-type'] = 'application/json';
    }
    for (const [k, v] of Object.entries(init.headers ?? {})) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    return Promise.resolve(app.request(`http://127.0.0.1:${TEST_PORT}/v1${path}`, { method, headers, body }));
  };
  return {
    ctx,
    app,
    secret: header,
    call,
    async close() {
      await ctx.store.close();
      await ctx.receipts.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { issuePairingCode };
