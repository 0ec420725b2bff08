// Bearer-token authentication: the token decides which company's e-Box the caller reads. Two kinds: the web app's
// session tokens, and OAuth access tokens of Document Consumers, whose calls may name a client enterprise the client
// consults under a mandate (CLIENT_ENTERPRISE_HEADER).
import type { MiddlewareHandler } from 'hono';
import { CLIENT_ENTERPRISE_HEADER } from '../../../shared/ebox/registry-api.ts';
import type { Mailbox } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { fail } from './status-message.ts';

export type RegistryEnv = { Variables: { mailbox: Mailbox } };

const CONSULT_SCOPES = ['messagesfull', 'documentconsumer'].map((s) => `scope:document:management:consult:ws-eboxrestentreprise:${s}`);

export function bearerAuth(state: SandboxState): MiddlewareHandler<RegistryEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return fail(c, 401, 'UNAUTHORIZED', 'A bearer access token is required');
    let cbe = state.tokens.get(match[1] as string);
    const issued = cbe ? undefined : state.oauth?.tokens.get(match[1] as string);
    if (issued) {
      if (issued.expiresAt < state.now().getTime()) return fail(c, 401, 'INVALID_TOKEN', 'The access token has expired');
      if (!CONSULT_SCOPES.some((s) => issued.scopes.has(s))) return fail(c, 401, 'INSUFFICIENT_SCOPE', 'The token has no consultation scope');
      const named = c.req.header(CLIENT_ENTERPRISE_HEADER) ?? issued.enterprise;
      if (named !== issued.enterprise && !state.oauth!.clients.get(issued.clientId)?.mandates.has(named)) {
        return fail(c, 403, 'MANDATE_REQUIRED', `Client ${issued.clientId} has no e-Box Document Consumer mandate for ${named}`);
      }
      cbe = named;
    }
    const mailbox = cbe ? state.mailboxes.get(cbe) : undefined;
    if (!mailbox) return fail(c, 401, 'INVALID_TOKEN', 'The access token is unknown or expired');
    c.set('mailbox', mailbox);
    await next();
  };
}
