// Every response, refusals included, says it comes from the helper and which API it speaks (like Zotero's
// X-Zotero-Version): a client seeing an answer without it has reached some other server on the port. A client
// announcing another API version gets 412.
import type { MiddlewareHandler } from 'hono';
import { CLIENT_API_HEADER, HELPER_API_VERSION, HELPER_VERSION_HEADER } from '../../../shared/helper-api/protocol.ts';
import { VERSION_HEADER_VALUE } from '../version.ts';
import { HelperHttpError } from './errors.ts';

const HEADERS: [string, string][] = [
  [HELPER_VERSION_HEADER, VERSION_HEADER_VALUE],
  // Loopback answers must never be cached or sniffed by anything in between.
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
];

export const versionHeader: MiddlewareHandler = async (c, next) => {
  for (const [name, value] of HEADERS) c.header(name, value);
  const asked = c.req.header(CLIENT_API_HEADER);
  if (asked !== undefined && asked !== String(HELPER_API_VERSION)) {
    throw new HelperHttpError(412, 'incompatible_version', `this helper speaks API ${HELPER_API_VERSION}, the client ${asked}: update the older one`);
  }
  await next();
  // A handler returning a whole Response (a lazily loaded router's) drops the headers prepared above: set them again.
  if (!c.res.headers.has(HELPER_VERSION_HEADER)) {
    c.res = new Response(c.res.body, c.res);
    for (const [name, value] of HEADERS) c.res.headers.set(name, value);
  }
  // Belt and braces: no route may ever answer with CORS headers.
  for (const name of [...c.res.headers.keys()]) if (name.startsWith('access-control-')) c.res.headers.delete(name);
};
