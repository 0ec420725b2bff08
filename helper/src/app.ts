// The helper's HTTP app: guards for every request, then small routers. To add a capability, write
// routes/<name>.ts exporting `(ctx: HelperContext) => Hono` and add one line to ROUTERS.
import { Hono } from 'hono';
import { HELPER_API_BASE } from '../../shared/helper-api/protocol.ts';
import type { HelperContext } from './context.ts';
import { HelperHttpError, errorResponse, onError } from './http/errors.ts';
import { loopbackGuard } from './http/loopback-guard.ts';
import { requestShape, DEFAULT_BODY_LIMIT } from './http/request-shape.ts';
import { requireSecret } from './http/secret-auth.ts';
import { versionHeader } from './http/version-header.ts';
import { pairingRoutes } from './routes/pairing.ts';
import { statusRoutes } from './routes/status.ts';
import { identityRoutes } from './routes/identity.ts';
import { documentRoutes, DOCUMENT_BODY_LIMIT, RAW_DOCUMENT_PATH } from './routes/documents.ts';
import { receiptRoutes } from './routes/receipts.ts';
import { storeRoutes } from './routes/store.ts';
import { evidenceRoutes, EVIDENCE_BODY_LIMIT } from './routes/evidence.ts';
import { bundleRoutes, BUNDLE_BODY_LIMIT } from './routes/bundles.ts';
import { syncRoutes } from './routes/sync.ts';

interface RouterEntry {
  path: string;
  router: (ctx: HelperContext) => Hono<any>;
  /** False only for pairing, which authenticates with its one-time code (and unpair checks the secret itself). */
  secret?: boolean;
  bodyLimit?: number;
}

/** Every router of the helper, mounted under HELPER_API_BASE. */
export const ROUTERS: RouterEntry[] = [
  { path: '/pairing', router: pairingRoutes, secret: false },
  { path: '/status', router: statusRoutes },
  { path: '/identity', router: identityRoutes },
  { path: '/documents', router: documentRoutes, bodyLimit: DOCUMENT_BODY_LIMIT },
  { path: '/receipts', router: receiptRoutes },
  { path: '/store', router: storeRoutes },
  { path: '/evidence', router: evidenceRoutes, bodyLimit: EVIDENCE_BODY_LIMIT },
  { path: '/bundles', router: bundleRoutes, bodyLimit: BUNDLE_BODY_LIMIT },
  { path: '/sync', router: syncRoutes },
];

export function createApp(ctx: HelperContext, routers: RouterEntry[] = ROUTERS): Hono {
  const app = new Hono();
  app.onError(onError);
  app.notFound((c) => errorResponse(c, new HelperHttpError(404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.use('*', versionHeader);
  app.use('*', loopbackGuard(() => ctx.port));
  app.use(
    '*',
    requestShape(
      (path) => routers.find((r) => path.startsWith(HELPER_API_BASE + r.path))?.bodyLimit ?? DEFAULT_BODY_LIMIT,
      (path) => RAW_DOCUMENT_PATH.test(path),
    ),
  );
  for (const r of routers) {
    const base = HELPER_API_BASE + r.path;
    if (r.secret !== false) {
      const auth = requireSecret(ctx.pairings);
      app.use(base, auth);
      app.use(`${base}/*`, auth);
    }
    app.route(base, r.router(ctx));
  }
  return app;
}
