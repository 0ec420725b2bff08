// Pairing knows an extension by its Origin's host: in Firefox that is the per-install UUID of moz-extension://,
// while runtime.id is the gecko id (which the extension used to send, and was refused with 403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_HEADER } from '../../../shared/helper-api/protocol.ts';
import { pairResponseSchema } from '../../../shared/helper-api/pairing.ts';
import { issuePairingCode, startTestHelper, type TestHelper } from '../app.fixture.ts';

const UUID = '4f0e1c2a-9b7d-4e11-8a3c-5d6e7f8091a2';
const FIREFOX_ORIGIN = `moz-extension://${UUID}`;

let h: TestHelper;
beforeAll(async () => {
  h = await startTestHelper();
});
afterAll(() => h.close());

const pair = (extensionId: string, origin: string) =>
  h.call('/pairing', { body: { code: issuePairingCode(h.ctx.dataDir).code, extensionId }, headers: { origin, [SECRET_HEADER]: undefined } });

describe('pairing from Firefox', () => {
  it('pairs with the UUID of its moz-extension Origin, and the secret works from that Origin', async () => {
    const res = await pair(UUID, FIREFOX_ORIGIN);
    expect(res.status).toBe(201);
    const paired = pairResponseSchema.parse(await res.json());
    expect(paired.origin).toBe(FIREFOX_ORIGIN);
    const status = await h.call('/pairing/unpair', { body: {}, headers: { origin: FIREFOX_ORIGIN, [SECRET_HEADER]: paired.secret } });
    expect(status.status).toBe(200);
  });

  it('refuses the gecko id, which is not the host the browser puts in the Origin', async () => {
    const res = await pair('ebox-keeper@ebox-keeper.be', FIREFOX_ORIGIN);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
  });

  it("refuses a host that is another extension's", async () => {
    expect((await pair(UUID, 'moz-extension://00000000-0000-4000-8000-000000000000')).status).toBe(403);
  });
});
