// Every route but pairing needs the secret a pairing gave: `<pairingId>.<secret>`, checked in constant time
// against the stored hash; an Origin, when the browser sends one, must be the paired extension's own.
import type { MiddlewareHandler } from 'hono';
import { SECRET_HEADER } from '../../../shared/helper-api/protocol.ts';
import type { PairingRegistry, Pairing } from '../pairing/pairing-registry.ts';
import { HelperHttpError } from './errors.ts';

export type AuthVariables = { pairing: Pairing };

export function requireSecret(pairings: PairingRegistry): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const pairing = pairings.authenticate(c.req.header(SECRET_HEADER));
    if (!pairing) throw new HelperHttpError(401, 'unauthorized', `missing or unknown ${SECRET_HEADER}: pair the extension with the helper first`);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== pairing.origin) {
      throw new HelperHttpError(403, 'forbidden_origin', `this secret belongs to ${pairing.origin}, not ${origin}`);
    }
    c.set('pairing', pairing);
    await next();
  };
}
