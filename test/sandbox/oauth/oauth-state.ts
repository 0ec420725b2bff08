// The sandbox's OAuth authorisation server state, shared by every provider it fronts (as the real one is by every
// Message Registry through introspection): registered clients with their certificate, the tokens issued, and the
// client assertions already used (jti replay).
import type { X509Certificate } from 'node:crypto';

export interface ConsumerClient {
  clientId: string;
  /** The client's own enterprise (the token's principal CBE number). */
  enterprise: string;
  /** The certificate registered for the client: assertions are checked against its key. */
  certificate: X509Certificate;
  revoked: boolean;
  /** Client enterprises this client consults under an "e-Box Document Consumer" mandate. */
  mandates: Set<string>;
}

export interface IssuedToken {
  clientId: string;
  enterprise: string;
  scopes: Set<string>;
  expiresAt: number;
}

/** A Message Registry as the federation lists it (ebox-federation-1.3.yaml, MessageProvider). */
export interface FederationProvider {
  messageProviderId: string;
  name: string;
  url: string;
  activationDate: string;
  deactivationDate?: string;
}

export interface OAuthState {
  /** What GET .../federation/v1/messageProviders lists. */
  providers: FederationProvider[];
  clients: Map<string, ConsumerClient>;
  tokens: Map<string, IssuedToken>;
  /** jti -> exp (ms): an assertion is accepted once. */
  usedAssertions: Map<string, number>;
  /** Lifetime of an access token, in seconds. */
  tokenLifetimeS: number;
  now: () => Date;
}

export function newOAuthState(now: () => Date): OAuthState {
  return { providers: [], clients: new Map(), tokens: new Map(), usedAssertions: new Map(), tokenLifetimeS: 600, now };
}
