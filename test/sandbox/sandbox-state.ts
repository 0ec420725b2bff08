// What both sandbox servers share: the mailboxes, who may read which (bearer tokens), and the sandbox's clock.
import type { RegistryContract } from '../../shared/ebox/registry-api.ts';
import type { Mailbox } from './data/mailbox.ts';
import type { OAuthState } from './oauth/oauth-state.ts';

export interface SandboxState {
  /** By enterprise number. */
  mailboxes: Map<string, Mailbox>;
  /** Bearer token -> enterprise number. */
  tokens: Map<string, string>;
  /** The sandbox's "now": messages past expiry disappear, as the e-Box deletes them. Tests may move it. */
  now: () => Date;
  /** The web app's origin: the only one the registry's CORS answers. */
  appOrigin: string;
  /** Which contract generation the web app speaks (the registry serves both base paths). */
  contract: RegistryContract;
  /** Added to every registry answer, to show loading states and races as a slow provider would. */
  latencyMs: number;
  /** The authorisation server whose tokens this registry also accepts (Document Consumer access). */
  oauth?: OAuthState;
}

export function tokenFor(state: SandboxState, enterpriseNumber: string): string {
  for (const [token, cbe] of state.tokens) if (cbe === enterpriseNumber) return token;
  throw new Error(`no token for ${enterpriseNumber}`);
}
