// The Message Registry: both contract generations under their production base paths, bearer-token auth, CORS for
// the web app's origin only, and the contract's error bodies for everything that goes wrong.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { REGISTRY_BASE_PATHS, type RegistryContract } from '../../../shared/ebox/registry-api.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { bearerAuth, type RegistryEnv } from './bearer-auth.ts';
import { messagesRouter } from './messages-router.ts';
import { referenceDataRouter } from './reference-data-router.ts';
import { BadRequest, fail, statusMessage } from './status-message.ts';
import type { OAuthState } from '../oauth/oauth-state.ts';
import { tokenEndpoint } from '../oauth/token-endpoint.ts';
import { federationRoutes } from '../oauth/federation-routes.ts';

function contractRouter(state: SandboxState, contract: RegistryContract): Hono<RegistryEnv> {
  const base = REGISTRY_BASE_PATHS[contract];
  const baseUrlOf = (url: string) => new URL(url).origin + base;
  const r = new Hono<RegistryEnv>();
  r.use('*', bearerAuth(state));
  r.route('/', messagesRouter(state, contract, baseUrlOf));
  r.route('/referenceData', referenceDataRouter(baseUrlOf));
  // v3 may serve reference data under /refData/ (ebox-domain.md): both answer.
  r.route('/refData', referenceDataRouter(baseUrlOf));
  return r;
}

/** `authority`: this origin also serves the OAuth token endpoint and the federation's provider list, as
 *  services.socialsecurity.be does beside its own registry. */
export function registryApp(state: SandboxState, authority?: OAuthState): Hono {
  const app = new Hono();
  if (authority) {
    app.route('/', tokenEndpoint(authority));
    app.route('/', federationRoutes(authority));
  }
  app.use(
    '*',
    cors({
      // The extension's own origin too: a granted host permission lifts CORS in a real browser, but the test
      // build's permission seam grants only in the extension's own books (runtime.ts), not the browser's.
      origin: (origin) => (origin === state.appOrigin || /^(chrome|moz)-extension:\/\//.test(origin) ? origin : null),
      allowMethods: ['GET', 'PATCH', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Content-Disposition', 'Content-Length'],
      maxAge: 600,
    }),
  );
  app.use('*', async (_c, next) => {
    if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
    await next();
  });
  for (const contract of Object.keys(REGISTRY_BASE_PATHS) as RegistryContract[]) {
    app.route(REGISTRY_BASE_PATHS[contract], contractRouter(state, contract));
  }
  app.notFound((c) => fail(c, 404, 'NOT_FOUND', `No resource at ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof BadRequest) return fail(c, 400, err.code, err.message);
    console.error('e-Box sandbox registry:', err);
    return c.json(statusMessage('INTERNAL_ERROR', 'The registry failed to answer'), 500);
  });
  return app;
}
