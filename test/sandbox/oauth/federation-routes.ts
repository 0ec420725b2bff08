// The federation's provider list (ebox-federation-1.3.yaml, GET /messageProviders under
// /REST/ebox/enterprise/federation/v1), behind an OAuth token with the registry scope, as the docs require.
import { Hono } from 'hono';
import { fail } from '../registry/status-message.ts';
import type { OAuthState } from './oauth-state.ts';

export const FEDERATION_BASE = '/REST/ebox/enterprise/federation/v1';
export const REGISTRY_SCOPE = 'scope:documentmanagement:ebox:enterprise:federation-rest:registry';

export function federationRoutes(oauth: OAuthState): Hono {
  const app = new Hono();
  app.get(`${FEDERATION_BASE}/messageProviders`, (c) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
    const token = match ? oauth.tokens.get(match[1]!) : undefined;
    if (!token || token.expiresAt < oauth.now().getTime()) return fail(c, 401, 'INVALID_TOKEN', 'The access token is unknown or expired');
    if (!token.scopes.has(REGISTRY_SCOPE)) return fail(c, 401, 'INSUFFICIENT_SCOPE', `The token lacks ${REGISTRY_SCOPE}`);
    return c.json(
      oauth.providers.map((p) => ({
        messageProviderId: p.messageProviderId,
        messageProviderName: { fr: p.name, nl: p.name, de: p.name, en: p.name },
        messageProviderDescription: { fr: p.name, nl: p.name, de: p.name, en: p.name },
        messageProviderUrl: p.url,
        messageProviderActivationDate: p.activationDate,
        ...(p.deactivationDate ? { messageProviderDeactivationDate: p.deactivationDate } : {}),
        messageProviderTechnicalContact: 'sandbox@example.invalid',
        apiSupportedVersion: '2.1',
      })),
    );
  });
  return app;
}
