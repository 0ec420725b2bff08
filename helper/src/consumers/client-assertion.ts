// The private_key_jwt client assertion (RFC 7523 section 3): RS256, iss = sub = client id, aud as the docs say for
// the token endpoint's generation, a short life and a unique jti. Signed natively with node:crypto.
import { randomUUID, sign, type KeyObject } from 'node:crypto';

/** Seconds an assertion is valid: long enough for one request, short enough that a copy is useless soon. */
export const ASSERTION_LIFETIME_S = 60;

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  jti: string;
  iat: number;
  exp: number;
}

export function clientAssertion(clientId: string, audience: string, key: KeyObject, nowMs: number): { jwt: string; claims: AssertionClaims } {
  const iat = Math.floor(nowMs / 1000);
  const claims: AssertionClaims = { iss: clientId, sub: clientId, aud: audience, jti: randomUUID(), iat, exp: iat + ASSERTION_LIFETIME_S };
  const input = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}`;
  const signature = sign('sha256', Buffer.from(input), key).toString('base64url');
  return { jwt: `${input}.${signature}`, claims };
}
