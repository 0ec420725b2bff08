// DNS rebinding and web-page defences. The Host header is read raw (an absolute-form request line puts another
// host in the URL, so c.req.url proves nothing) and must be exactly 127.0.0.1:PORT or localhost:PORT. An Origin,
// when present, must be an extension's: any web page (http, https, null, file...) is refused before routing.
import type { MiddlewareHandler } from 'hono';
import { HelperHttpError } from './errors.ts';

export const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/([A-Za-z0-9_.@{}-]{1,128})$/;

export function loopbackGuard(port: () => number): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.raw.headers.get('host');
    const allowed = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    if (!host || !allowed.includes(host.toLowerCase())) {
      throw new HelperHttpError(403, 'forbidden_host', `Host "${host ?? ''}" is not this helper (expected ${allowed.join(' or ')})`);
    }
    const urlHost = new URL(c.req.url).host.toLowerCase();
    if (urlHost !== host.toLowerCase()) {
      throw new HelperHttpError(403, 'forbidden_host', `the request targets ${urlHost}, not this helper`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !EXTENSION_ORIGIN.test(origin)) {
      throw new HelperHttpError(403, 'forbidden_origin', 'requests from web pages are refused: only the paired e-Box Keeper extension may call the helper');
    }
    await next();
  };
}
