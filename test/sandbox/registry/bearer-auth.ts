// Bearer-token authentication: the token decides which company's e-Box the caller reads.
import type { MiddlewareHandler } from 'hono';
import type { Mailbox } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { fail } from './status-message.ts';

export type RegistryEnv = { Variables: { mailbox: Mailbox } };

export function bearerAuth(state: SandboxState): MiddlewareHandler<RegistryEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return fail(c, 401, 'UNAUTHORIZED', 'A bearer access token is required');
    const cbe = state.tokens.get(match[1] as string);
    const mailbox = cbe ? state.mailboxes.get(cbe) : undefined;
    if (!mailbox) return fail(c, 401, 'INVALID_TOKEN', 'The access token is unknown or expired');
    c.set('mailbox', mailbox);
    await next();
  };
}
