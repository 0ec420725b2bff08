// Only GET and POST exist; a POST must be application/json (415 otherwise: Hono's JSON validator would read a
// missing Content-Type as {}), or application/octet-stream where a route takes raw bytes (neither is a type a web
// page may send without a CORS preflight); bodies are capped (413, chunked bodies included).
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HelperHttpError } from './errors.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const tooLarge = (max: number) => new HelperHttpError(413, 'payload_too_large', `the body is larger than ${max} bytes`);

export function requestShape(limitFor: (path: string) => number, takesRawBytes: (path: string) => boolean = () => false): MiddlewareHandler {
  const streamLimiters = new Map<number, MiddlewareHandler>();
  const streamLimiter = (max: number) => {
    let l = streamLimiters.get(max);
    if (!l) {
      l = bodyLimit({
        maxSize: max,
        onError: () => {
          throw tooLarge(max);
        },
      });
      streamLimiters.set(max, l);
    }
    return l;
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    if (method !== 'POST') throw new HelperHttpError(405, 'method_not_allowed', `${method} is not supported: use GET or POST`);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !(type === 'application/octet-stream' && takesRawBytes(c.req.path))) {
      throw new HelperHttpError(415, 'unsupported_media_type', 'state-changing requests must be POST with Content-Type: application/json');
    }
    const max = limitFor(c.req.path);
    // A declared length is checked from the header alone: Node's parser never delivers more bytes than it says.
    // Only a chunked body is counted while it streams (that turns the request into a web stream, which costs more).
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > max) throw tooLarge(max);
      return next();
    }
    return streamLimiter(max)(c, next);
  };
}
