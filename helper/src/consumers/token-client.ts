// OAuth2 client_credentials with private_key_jwt for one consumer account: the access token is cached until shortly
// before it expires, and dropped when a registry answers 401 (the caller then asks once more). Every refusal becomes
// a ConsumerAuthError that names the account and says what to do (wrong client id, revoked or expired certificate,
// a clock off the server's).
import { z } from 'zod';
import type { ConsumerCredentials } from './consumer-store.ts';
import { clientAssertion } from './client-assertion.ts';
import { oauthProfileFor, type OAuthProfile } from './oauth-profile.ts';

/** A token is renewed this long before its announced expiry, so no request leaves with a token about to die. */
const RENEW_BEFORE_MS = 60_000;
/** A server clock further off than this makes the assertion's iat/exp look wrong to it. */
const CLOCK_SKEW_MS = 30_000;

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});
const tokenErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export class ConsumerAuthError extends Error {
  override name = 'ConsumerAuthError';
}

export type Fetch = typeof fetch;

export class TokenClient {
  readonly profile: OAuthProfile;
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  /** Server clock minus ours, learnt from the token endpoint's Date header after a refusal. */
  private clockOffsetMs = 0;

  private readonly credentials: ConsumerCredentials;
  private readonly fetchImpl: Fetch;
  private readonly now: () => number;

  constructor(credentials: ConsumerCredentials, fetchImpl: Fetch = fetch, now: () => number = Date.now) {
    this.credentials = credentials;
    this.fetchImpl = fetchImpl;
    this.now = now;
    this.profile = oauthProfileFor(credentials.account.tokenUrl, credentials.account.audience);
  }

  private get name(): string {
    return `consumer account ${this.credentials.account.enterprise} (client ${this.credentials.account.clientId})`;
  }

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.request().finally(() => (this.pending = null));
    return this.pending;
  }

  /** A registry refused the token (401): the next token() asks the endpoint again. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async request(retriedForSkew = false): Promise<string> {
    const { certificate, privateKey, account } = this.credentials;
    const now = this.now();
    if (now > Date.parse(certificate.validTo)) {
      throw new ConsumerAuthError(`${this.name}: its certificate expired on ${new Date(certificate.validTo).toISOString()}; register a renewed one for the OAuth client and run ebox-keeper consumer add again`);
    }
    const { jwt } = clientAssertion(account.clientId, this.profile.audience, privateKey, now + this.clockOffsetMs);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: jwt,
      scope: this.profile.scopes.join(' '),
    });
    let res: Response;
    try {
      res = await this.fetchImpl(account.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body });
    } catch (err) {
      throw new ConsumerAuthError(`${this.name}: the token endpoint ${account.tokenUrl} cannot be reached (${(err as Error).message})`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok) {
      const parsed = tokenResponseSchema.safeParse(json);
      if (!parsed.success) throw new ConsumerAuthError(`${this.name}: the token endpoint ${account.tokenUrl} answered ${res.status} without an access token (${snippet(text)})`);
      const lifetimeMs = (parsed.data.expires_in ?? 300) * 1000;
      this.cached = { token: parsed.data.access_token, renewAt: this.now() + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2) };
      return parsed.data.access_token;
    }
    const serverDate = Date.parse(res.headers.get('date') ?? '');
    const skew = Number.isNaN(serverDate) ? 0 : serverDate - now;
    if (!retriedForSkew && Math.abs(skew) > CLOCK_SKEW_MS) {
      // The assertion's times were judged by the server's clock: try once more on its time.
      this.clockOffsetMs = skew;
      try {
        return await this.request(true);
      } catch (err) {
        throw new ConsumerAuthError(`${(err as Error).message} (this computer's clock is ${Math.round(skew / 1000)} s off the token server's: set it right)`);
      }
    }
    const error = tokenErrorSchema.safeParse(json);
    const said = error.success ? `${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ''}` : `HTTP ${res.status} ${snippet(text)}`;
    const hint =
      error.success && error.data.error === 'invalid_client'
        ? ' (check the client id, and that the certificate registered for it is this one and neither expired nor revoked)'
        : error.success && error.data.error === 'invalid_scope'
          ? ` (the client lacks a scope among ${this.profile.scopes.join(', ')})`
          : '';
    throw new ConsumerAuthError(`${this.name}: the token endpoint ${account.tokenUrl} refused: ${said}${hint}`);
  }
}

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `"${flat.slice(0, 120)}..."` : `"${flat}"`;
}
