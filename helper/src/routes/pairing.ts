// POST /pairing (no secret: the one-time code is the credential) and POST /pairing/unpair (with the secret).
import { Hono, type Context } from 'hono';
import { pairRequestSchema, type PairResponse, type UnpairResponse } from '../../../shared/helper-api/pairing.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseJsonBody } from '../http/errors.ts';
import { EXTENSION_ORIGIN } from '../http/loopback-guard.ts';
import { PerCallerFailureLimit } from '../http/rate-limit.ts';
import { requireSecret, type AuthVariables } from '../http/secret-auth.ts';
import { consumePairingCode } from '../pairing/pairing-codes.ts';
import { printableLabel } from '../pairing/label.ts';

/** 5 wrong codes a minute per caller (its Origin); past 100 in 10 minutes over unpaired callers, 429 (see PerCallerFailureLimit). */
export const pairingFailureLimit = () => new PerCallerFailureLimit(5, 60_000, 100, 10 * 60_000);

export function pairingRoutes(ctx: HelperContext, limit = pairingFailureLimit()) {
  const app = new Hono<{ Variables: AuthVariables }>();
  let floodReported = false;

  const rateLimited = (c: Context, wait: number) => {
    c.header('Retry-After', String(Math.ceil(wait / 1000)));
    return new HelperHttpError(429, 'rate_limited', `too many wrong pairing codes: try again in ${Math.ceil(wait / 1000)} s`);
  };

  app.post('/', async (c) => {
    // The caller is the Origin it sends (loopbackGuard admits only extension origins, or none).
    const caller = c.req.header('origin') ?? '';
    const wait = limit.retryAfter(caller);
    if (wait > 0) throw rateLimited(c, wait);
    const body = await parseJsonBody(c, pairRequestSchema);
    const origin = c.req.header('origin');
    // An extension is known by its Origin's host: Chrome's extension ID, or Firefox's per-install UUID (not the
    // gecko id that Firefox's runtime.id gives).
    const match = origin === undefined ? null : EXTENSION_ORIGIN.exec(origin);
    if (!origin || !match || match[2] !== body.extensionId) {
      throw new HelperHttpError(403, 'forbidden_origin', "pairing must come from the extension itself (extensionId must be its Origin's host)");
    }
    if (!consumePairingCode(ctx.dataDir, body.code)) {
      const paired = ctx.pairings.list().some((p) => p.origin === origin);
      const flooded = !paired && limit.ceilingRetryAfter() > 0;
      limit.fail(caller, paired);
      if (flooded) {
        if (!floodReported) console.log('helper: a flood of wrong pairing codes from unpaired callers: wrong codes are answered 429 until it stops');
        floodReported = true;
        throw rateLimited(c, limit.ceilingRetryAfter());
      }
      floodReported = false;
      throw new HelperHttpError(401, 'bad_pairing_code', 'this pairing code is wrong or expired: run `ebox-keeper pair-code` for a new one');
    }
    const label = body.label === undefined ? undefined : printableLabel(body.label) || undefined;
    const { pairing, header } = ctx.pairings.pair(origin, body.extensionId, label);
    console.log(`helper: paired ${origin}${label ? ` (${label})` : ''} as ${pairing.pairingId}`);
    return c.json({ pairingId: pairing.pairingId, secret: header, origin, pairedAt: pairing.pairedAt } satisfies PairResponse, 201);
  });

  app.post('/unpair', requireSecret(ctx.pairings), async (c) => {
    const { pairingId } = c.get('pairing');
    ctx.pairings.unpair(pairingId);
    return c.json({ unpaired: true, pairingId } satisfies UnpairResponse);
  });

  return app;
}
