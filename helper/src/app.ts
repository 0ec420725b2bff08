// The helper's HTTP app: guards for every request, then small routers. To add a capability, write
// routes/<name>.ts exporting `(ctx: HelperContext) => Hono` and add one line to ROUTERS.
import { Hono, type Context } from 'hono';
import { HELPER_API_BASE } from '../../shared/helper-api/protocol.ts';
import type { HelperContext } from './context.ts';
import { HelperHttpError, errorResponse, onError } from './http/errors.ts';
import { loopbackGuard } from './http/loopback-guard.ts';
import { BodyBudget, requestShape, DEFAULT_BODY_BUDGET, DEFAULT_BODY_LIMIT } from './http/request-shape.ts';
import { requireSecret, type AuthVariables } from './http/secret-auth.ts';
import { versionHeader } from './http/version-header.ts';
import { pairingRoutes } from './routes/pairing.ts';
import { statusRoutes } from './routes/status.ts';
import { identityRoutes } from './routes/identity.ts';
import { documentRoutes, DOCUMENT_BODY_LIMIT, RAW_DOCUMENT_PATH } from './routes/documents.ts';
import { BUNDLE_BODY_LIMIT, EVIDENCE_BODY_LIMIT } from './routes/body-limits.ts';
import { lazyRouter } from './http/lazy-router.ts';
import { syncRoutes } from './routes/sync.ts';

type RouterEntry = {
  path: string;
  /** False only for pairing, which authenticates with its one-time code (and unpair checks the secret itself). */
  secret?: boolean;
  bodyLimit?: number;
} & (
  | { router: (ctx: HelperContext) => Hono<any> }
  /** A router whose module (and its libraries) loads with its first request. */
  | { load: () => Promise<(ctx: HelperContext) => Hono<any>> }
);

/** Every router of the helper, mounted under HELPER_API_BASE. */
export const ROUTERS: RouterEntry[] = [
  { path: '/pairing', router: pairingRoutes, secret: false },
  { path: '/status', router: statusRoutes },
  { path: '/identity', router: identityRoutes },
  { path: '/documents', router: documentRoutes, bodyLimit: DOCUMENT_BODY_LIMIT },
  // Lazy: their CMS and X.509 libraries (pkijs, asn1js) are most of what an idle helper would otherwise hold.
  { path: '/receipts', load: () => import('./routes/receipts.ts').then((m) => m.receiptRoutes) },
  { path: '/store', load: () => import('./routes/store.ts').then((m) => m.storeRoutes) },
  { path: '/evidence', load: () => import('./routes/evidence.ts').then((m) => m.evidenceRoutes), bodyLimit: EVIDENCE_BODY_LIMIT },
  { path: '/bundles', load: () => import('./routes/bundles.ts').then((m) => m.bundleRoutes), bodyLimit: BUNDLE_BODY_LIMIT },
  { path: '/sync', router: syncRoutes },
];

export function createApp(ctx: HelperContext, routers: RouterEntry[] = ROUTERS, bodyBudget = new BodyBudget(DEFAULT_BODY_BUDGET)): Hono {
  const app = new Hono();
  app.onError(onError);
  app.notFound((c) => errorResponse(c, new HelperHttpError(404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.use('*', versionHeader);
  app.use('*', loopbackGuard(() => ctx.port));
  // The secret is checked before anything of a body is read (pairing authenticates with its code, in its body,
  // under the small default limit).
  const routerOf = (path: string) => routers.find((r) => path === HELPER_API_BASE + r.path || path.startsWith(`${HELPER_API_BASE}${r.path}/`));
  const auth = requireSecret(ctx.pairings);
  app.use('*', (c, next) => (routerOf(c.req.path) && routerOf(c.req.path)!.secret !== false ? auth(c as unknown as Context<{ Variables: AuthVariables }>, next) : next()));
  app.use('*', requestShape((path) => routerOf(path)?.bodyLimit ?? DEFAULT_BODY_LIMIT, bodyBudget, (path) => RAW_DOCUMENT_PATH.test(path)));
  for (const r of routers) {
    const base = HELPER_API_BASE + r.path;
    const { load } = r as { load?: () => Promise<(ctx: HelperContext) => Hono<any>> };
    app.route(base, load ? lazyRouter(base, () => load().then((router) => router(ctx))) : (r as { router: (ctx: HelperContext) => Hono<any> }).router(ctx));
  }
  return app;
}
