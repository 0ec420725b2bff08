// The OAuth2 token endpoint as the e-Box docs describe it: client_credentials, client authentication by
// private_key_jwt (RFC 7523): an RS256 JWT whose signature verifies with the client's registered certificate,
// iss = sub = a registered client id, aud = what the docs give for the generation (v3: the authorisation server's
// name; v5: the token URL itself), exp in the near future, a jti never seen before. Errors are RFC 6749's.
import { randomBytes, verify } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { OAuthState } from './oauth-state.ts';

export const TOKEN_PATHS = { v3: '/REST/oauth/v3/token', v5: '/REST/oauth/v5/token' } as const;
/** The v3 audience the sandbox answers to (production's; acceptance uses https://oauthacc.socialsecurity.be). */
export const V3_AUDIENCE = 'https://oauth.socialsecurity.be';
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Tolerated clock difference, and the longest assertion life accepted. */
const LEEWAY_S = 30;
const MAX_ASSERTION_LIFE_S = 600;

const CONSULT = 'scope:document:management:consult:ws-eboxrestentreprise';
const REGISTRY = 'scope:documentmanagement:ebox:enterprise:federation-rest:registry';
const GRANTED = {
  v3: new Set([`${CONSULT}:summaryownebox`, `${CONSULT}:messagesfull`, `${CONSULT}:referencedata`, REGISTRY]),
  v5: new Set([`${CONSULT}:documentconsumer`, REGISTRY]),
};

function refuse(c: Context, error: string, description: string, status: 400 | 401 = 400): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
}

function decodePart(part: string | undefined): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

export function tokenEndpoint(oauth: OAuthState): Hono {
  const app = new Hono();
  // The server's own clock, as a real server's Date header gives it: a client can tell how far off its own is.
  app.use('*', async (c, next) => {
    await next();
    c.header('Date', oauth.now().toUTCString());
  });
  for (const version of ['v3', 'v5'] as const) {
    app.post(TOKEN_PATHS[version], async (c) => {
      if (!(c.req.header('Content-Type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        return refuse(c, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
      }
      const form = new URLSearchParams(await c.req.text());
      if (form.get('grant_type') !== 'client_credentials') return refuse(c, 'unsupported_grant_type', 'only client_credentials is supported');
      if (form.get('client_assertion_type') !== ASSERTION_TYPE) return refuse(c, 'invalid_client', `client_assertion_type must be ${ASSERTION_TYPE}`, 401);
      const jwt = form.get('client_assertion') ?? '';
      const [h, p, s, extra] = jwt.split('.');
      const header = decodePart(h);
      const claims = decodePart(p);
      if (!header || !claims || !s || extra !== undefined) return refuse(c, 'invalid_client', 'client_assertion is not a signed JWT', 401);
      if (header.alg !== 'RS256') return refuse(c, 'invalid_client', `the assertion must be signed RS256, not ${String(header.alg)}`, 401);
      const client = typeof claims.iss === 'string' ? oauth.clients.get(claims.iss) : undefined;
      if (!client) return refuse(c, 'invalid_client', `unknown client ${String(claims.iss)}`, 401);
      if (claims.sub !== client.clientId) return refuse(c, 'invalid_client', 'sub must equal iss (the client id)', 401);
      const formClientId = form.get('client_id');
      if (formClientId !== null && formClientId !== client.clientId) return refuse(c, 'invalid_client', 'client_id does not match the assertion', 401);
      if (!verify('sha256', Buffer.from(`${h}.${p}`), client.certificate.publicKey, Buffer.from(s, 'base64url'))) {
        return refuse(c, 'invalid_client', 'the assertion signature does not verify with the certificate registered for this client', 401);
      }
      const nowMs = oauth.now().getTime();
      const nowS = Math.floor(nowMs / 1000);
      if (client.revoked) return refuse(c, 'invalid_client', 'the certificate registered for this client has been revoked', 401);
      if (nowMs > Date.parse(client.certificate.validTo) || nowMs < Date.parse(client.certificate.validFrom)) {
        return refuse(c, 'invalid_client', 'the certificate registered for this client is not valid now (expired or not yet valid)', 401);
      }
      const audience = version === 'v3' ? V3_AUDIENCE : new URL(c.req.url).origin + TOKEN_PATHS.v5;
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.includes(audience)) return refuse(c, 'invalid_client', `aud must be ${audience}`, 401);
      if (typeof claims.exp !== 'number') return refuse(c, 'invalid_client', 'exp is required', 401);
      if (claims.exp < nowS - LEEWAY_S) return refuse(c, 'invalid_client', 'the assertion has expired (exp is in the past: check the clock)', 401);
      if (claims.exp > nowS + MAX_ASSERTION_LIFE_S + LEEWAY_S) return refuse(c, 'invalid_client', 'exp is too far in the future', 401);
      if (typeof claims.iat === 'number' && claims.iat > nowS + LEEWAY_S) return refuse(c, 'invalid_client', 'iat is in the future (check the clock)', 401);
      if (typeof claims.jti !== 'string' || !claims.jti) return refuse(c, 'invalid_client', 'jti is required', 401);
      for (const [jti, exp] of oauth.usedAssertions) if (exp < nowMs - LEEWAY_S * 1000) oauth.usedAssertions.delete(jti);
      if (oauth.usedAssertions.has(claims.jti)) return refuse(c, 'invalid_client', 'this assertion (jti) was already used', 401);
      oauth.usedAssertions.set(claims.jti, claims.exp * 1000);
      const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
      const granted = GRANTED[version];
      const refused = requested.filter((sc) => !granted.has(sc));
      if (refused.length) return refuse(c, 'invalid_scope', `not granted: ${refused.join(' ')}`);
      const scopes = new Set(requested.length ? requested : granted);
      const token = randomBytes(24).toString('base64url');
      oauth.tokens.set(token, { clientId: client.clientId, enterprise: client.enterprise, scopes, expiresAt: nowMs + oauth.tokenLifetimeS * 1000 });
      c.header('Cache-Control', 'no-store');
      return c.json({ access_token: token, token_type: 'Bearer', expires_in: oauth.tokenLifetimeS, scope: [...scopes].join(' ') });
    });
  }
  return app;
}
