import { afterEach, expect, it } from 'vitest';
import { loadConsumerCredentials } from './consumer-store.ts';
import { clientAssertion } from './client-assertion.ts';
import { TokenClient } from './token-client.ts';
import { syncFixture, OWN, type SyncFixture } from '../sync/sync.fixture.ts';
import { oauthProfileFor, V3_SCOPES } from './oauth-profile.ts';

let fx: SyncFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

it('the docs audience per token endpoint generation', () => {
  expect(oauthProfileFor('https://services.socialsecurity.be/REST/oauth/v3/token')).toEqual({ version: 'v3', audience: 'https://oauth.socialsecurity.be', scopes: V3_SCOPES });
  expect(oauthProfileFor('https://services-acpt.socialsecurity.be/REST/oauth/v3/token').audience).toBe('https://oauthacc.socialsecurity.be');
  expect(oauthProfileFor('https://services.socialsecurity.be/REST/oauth/v5/token').audience).toBe('https://services.socialsecurity.be/REST/oauth/v5/token');
});

it('gets a token, caches it, learns a clock that is off from the server and says so, and an assertion is accepted once', { timeout: 60_000 }, async () => {
  fx = await syncFixture({}, [OWN]);
  const credentials = loadConsumerCredentials(fx.dataDir, OWN);
  let calls = 0;
  const counting: typeof fetch = (input, init) => {
    calls++;
    return fetch(input, init);
  };
  const tokens = new TokenClient(credentials, counting);
  const first = await tokens.token();
  expect(await tokens.token()).toBe(first);
  expect(calls).toBe(1);
  tokens.invalidate(first);
  expect(await tokens.token()).not.toBe(first);

  // The server's clock is ten minutes ahead: the first assertion looks expired to it; the client retries on its time.
  fx.sandbox.setNow(new Date(Date.now() + 10 * 60_000));
  const skewed = new TokenClient(credentials);
  expect(await skewed.token()).toMatch(/.+/);

  // Replay: the same assertion twice is refused the second time.
  fx.sandbox.setNow(new Date());
  const { jwt } = clientAssertion(credentials.account.clientId, fx.sandbox.consumer.tokenUrl, credentials.privateKey, Date.now());
  const post = () =>
    fetch(fx!.sandbox.consumer.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt }),
    });
  expect((await post()).status).toBe(200);
  const replay = await post();
  expect(replay.status).toBe(401);
  expect(await replay.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringMatching(/already used/) });

  // The v3 endpoint wants the v3 audience: the v5 one is refused.
  const wrongAud = await fetch(fx.sandbox.consumer.tokenUrlV3, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion(credentials.account.clientId, fx.sandbox.consumer.tokenUrl, credentials.privateKey, Date.now()).jwt }),
  });
  expect(await wrongAud.json()).toMatchObject({ error: 'invalid_client', error_description: 'aud must be https://oauth.socialsecurity.be' });
});
