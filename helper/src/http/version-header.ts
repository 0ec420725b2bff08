// Every response, refusals included, says it comes from the helper and which API it speaks (like Zotero's
// X-Zotero-Version): a client seeing an answer without it has reached some other server on the port. A client
// announcing another API version gets 412.
import type { MiddlewareHandler } from 'hono';
import { CLIENT_API_HEADER, HELPER_API_VERSION, HELPER_VERSION_HEADER } from '../../../shared/helper-api/protocol.ts';
import { VERSION_HEADER_VALUE } from '../version.ts';
import { HelperHttpError } from './errors.ts';

export const versionHeader: MiddlewareHandler = async (c, next) => {
  c.header(HELPER_VERSION_HEADER, VERSION_HEADER_VALUE);
  // Loopback answers must never be cached or sniffed by anything in between.
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  const asked = c.req.header(CLIENT_API_HEADER);
  if (asked !== undefined && asked !== String(HELPER_API_VERSION)) {
    throw new HelperHttpError(412, 'incompatible_version', `this helper speaks API ${HELPER_API_VERSION}, the client ${asked}: update the older one`);
  }
  await next();
  // Belt and braces: no route may ever answer with CORS headers.
  for (const name of [...c.res.headers.keys()]) if (name.startsWith('access-control-')) c.res.headers.delete(name);
};
