// Only GET and POST exist; a POST must be application/json (415 otherwise: Hono's JSON validator would read a
// missing Content-Type as {}), and bodies are capped (413, chunked bodies included).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HelperHttpError } from './errors.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function requestShape(limitFor: (path: string) => number): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiter = (max: number) => {
    let l = limiters.get(max);
    if (!l) {
      l = bodyLimit({
        maxSize: max,
        onError: () => {
          throw new HelperHttpError(413, 'payload_too_large', `the body is larger than ${max} bytes`);
        },
      });
      limiters.set(max, l);
    }
    return l;
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    if (method !== 'POST') throw new HelperHttpError(405, 'method_not_allowed', `${method} is not supported: use GET or POST`);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HelperHttpError(415, 'unsupported_media_type', 'state-changing requests must be POST with Content-Type: application/json');
    }
    return limiter(limitFor(new URL(c.req.url).pathname))(c, next);
  };
}
