// A router whose module loads with its first request: the evidence and bundle routers bring PDF, XML, X.509 and
// CMS libraries that an idle helper need not hold (issue 15: idle RSS under 80 MB). The loaded router is mounted at
// its full path in an app of its own, which gets the original request as it is: the parent app's middleware
// (Host and Origin guard, body limit, secret) has run before.
import { Hono } from 'hono';
import { errorResponse, HelperHttpError, onError } from './errors.ts';

// Hono<any>: each router declares its own variables, as in app.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyRouter(base: string, load: () => Promise<Hono<any>>): Hono {
  let loaded: Promise<Hono> | undefined;
  const proxy = new Hono();
  proxy.all('*', async (c) => {
    loaded ??= load().then((router) => {
      const app = new Hono();
      app.onError(onError);
      app.notFound((n) => errorResponse(n, new HelperHttpError(404, 'not_found', `no route ${n.req.method} ${new URL(n.req.url).pathname}`)));
      return app.route(base, router);
    });
    loaded.catch(() => (loaded = undefined));
    return (await loaded).fetch(c.req.raw, c.env);
  });
  return proxy;
}
