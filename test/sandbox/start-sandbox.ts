// startSandbox(): the whole e-Box imitation in this process: the Message Registry on http://127.0.0.1:PORT, the
// web app on http://localhost:PORT (another origin, as app.eboxenterprise.be is to services.socialsecurity.be) and
// the QERDS provider's site on http://127.0.0.1:PORT.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { REGISTRY_BASE_PATHS, type RegistryContract } from '../../shared/ebox/registry-api.ts';
import { COMPANIES, type Company } from './data/catalogue.ts';
import { buildMessage, generateMessages, type GeneratorOptions, type MessageSpec } from './data/generate.ts';
import { addMessage, materialise, newMailbox, type Mailbox, type SandboxMessage } from './data/mailbox.ts';
import type { Scenario } from './data/scenarios.ts';
import { qerdsProviderApp } from './qerds-provider/provider-routes.ts';
import { registryApp } from './registry/registry-app.ts';
import type { SandboxState } from './sandbox-state.ts';
import { newOAuthState, type ConsumerClient, type OAuthState } from './oauth/oauth-state.ts';
import { TOKEN_PATHS } from './oauth/token-endpoint.ts';
import { FEDERATION_BASE } from './oauth/federation-routes.ts';
import { webApp } from './webapp/web-app-server.ts';

export interface SandboxOptions {
  seed?: number;
  /** Messages in the first company's e-Box (the others get a few dozen). */
  size?: number;
  scenario?: Scenario | readonly Scenario[];
  /** The sandbox clock starts here and runs on; default: the real time. */
  now?: Date;
  /** The web app speaks the v3 contract (is-prefixed names, sender {...}) instead of v2.1. */
  v3?: boolean;
  /** Delay of every registry answer in ms (default 0); also settable later through `state.latencyMs`. */
  latencyMs?: number;
  appPort?: number;
  apiPort?: number;
  qerdsPort?: number;
  /** Messages per company at the second provider (another origin); default min(size, 20). */
  secondProviderSize?: number;
  secondProviderPort?: number;
  /** Shows the second provider in the web app too (its own folder), as the real app lists every provider's mail:
   *  the federation journeys of the extension. `size`: its messages per company. */
  secondProvider?: { size: number };
}

/** Document Consumer access: the OAuth token endpoint, the federation's provider list and a second provider. */
export interface ConsumerAccess {
  /** v5 token endpoint (aud = this URL); tokenUrlV3 expects aud https://oauth.socialsecurity.be. */
  tokenUrl: string;
  tokenUrlV3: string;
  federationUrl: string;
  /** Both providers' registry base URLs, as the federation lists them. */
  providerUrls: string[];
  oauth: OAuthState;
  /** The second provider's state (its mailboxes). */
  secondProvider: SandboxState;
  /** Registers an OAuth client with its certificate (and the enterprises it consults under a mandate). */
  registerClient(client: Omit<ConsumerClient, 'revoked' | 'mandates'> & { mandates?: string[] }): void;
}

export interface Sandbox {
  appUrl: string;
  /** The QERDS provider's site (http://127.0.0.1:PORT), where qualified notifications' action links lead. */
  qerdsUrl: string;
  /** Base URL of the registry the web app uses (v2 or v3 path). */
  apiUrl: string;
  apiUrls: Record<RegistryContract, string>;
  /** The second provider's registry base (same contract as apiUrl), when asked for. */
  secondApiUrl?: string;
  company: Company;
  companies: readonly Company[];
  /** Bearer token of the first company. */
  token: string;
  tokens: Record<string, string>;
  data: {
    /** The first company's e-Box. */
    mailbox: Mailbox;
    mailboxes: Map<string, Mailbox>;
    /** Messages the scenarios added, in order. */
    scenarioMessages: SandboxMessage[];
    /** The first company's messages at the second provider. */
    secondMailbox?: Mailbox;
  };
  state: SandboxState;
  consumer: ConsumerAccess;
  /** Moves the sandbox clock (the e-Box deletes what expires). */
  setNow(date: Date): void;
  /** Ends a company's session: its token stops working (401) and a new one is issued (and returned). */
  expireSession(enterpriseNumber?: string): string;
  close(): Promise<void>;
}

/** Up to this many messages, every document is rendered before the sandbox answers (sizes known at once). */
const PRERENDER_LIMIT = 300;

function listen(fetch: (req: Request) => Response | Promise<Response>, port: number, hostname = '127.0.0.1'): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}

function close(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** The sandbox's shared state and clock, still empty: servers can be built on it before the data exists. */
export function createSandboxState(options: SandboxOptions): { state: SandboxState; setNow: (d: Date) => void } {
  const startNow = options.now ?? new Date();
  let clockOffset = startNow.getTime() - Date.now();
  const state: SandboxState = {
    mailboxes: new Map(),
    tokens: new Map(),
    now: () => new Date(Date.now() + clockOffset),
    appOrigin: '',
    contract: options.v3 ? 'v3' : 'v2.1',
    latencyMs: options.latencyMs ?? 0,
  };
  state.oauth = newOAuthState(state.now);
  return {
    state,
    setNow: (d) => {
      clockOffset = d.getTime() - Date.now();
    },
  };
}

/** Where the sandbox's sites are: the web app (CORS) and the QERDS provider (notifications' action links). */
export interface SandboxSites {
  appUrl: string;
  qerdsUrl: string;
}

/** Generates every company's e-Box and runs the scenarios. */
export function populateSandbox(state: SandboxState, options: SandboxOptions, sites: SandboxSites): SandboxMessage[] {
  const seed = options.seed ?? 1;
  const size = options.size ?? 50;
  const now = options.now ?? state.now();
  state.appOrigin = new URL(sites.appUrl).origin;
  const links = { qerdsConsignment: (id: string) => `${sites.qerdsUrl}/qerds/${encodeURIComponent(id)}` };
  const scenarioMessages: SandboxMessage[] = [];
  COMPANIES.forEach((company, i) => {
    const gen: GeneratorOptions = { seed: seed + i * 7_777, company, now, links };
    const mailbox = newMailbox(company, generateMessages(gen, i === 0 ? size : Math.min(size, 30)));
    state.mailboxes.set(company.enterpriseNumber, mailbox);
    state.tokens.set(randomBytes(24).toString('base64url'), company.enterpriseNumber);
    if (i > 0) return;
    let next = size;
    const add = (spec: MessageSpec = {}) => {
      const m = buildMessage(gen, next++, spec);
      addMessage(mailbox, m);
      scenarioMessages.push(m);
      return m;
    };
    const list: readonly Scenario[] = options.scenario === undefined ? [] : typeof options.scenario === 'function' ? [options.scenario] : options.scenario;
    for (const s of list) s({ now, add });
  });
  return scenarioMessages;
}

/** The second provider holds a few messages of its own for every company (other ids, other documents). */
export function populateSecondProvider(state: SandboxState, options: SandboxOptions, qerdsUrl: string): void {
  const seed = (options.seed ?? 1) + 100_003;
  const size = options.secondProviderSize ?? Math.min(options.size ?? 50, 20);
  const now = options.now ?? state.now();
  const links = { qerdsConsignment: (id: string) => `${qerdsUrl}/qerds/${encodeURIComponent(id)}` };
  COMPANIES.forEach((company, i) => {
    const messages = generateMessages({ seed: seed + i * 7_777, company, now, links }, size).map((m) => ({ ...m, messageId: `P2-${m.messageId}` }));
    state.mailboxes.set(company.enterpriseNumber, newMailbox(company, messages));
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // The servers come first: the data's links (QERDS action links) and CORS need their real URLs.
  const { state, setNow } = createSandboxState(options);
  const servers: ServerType[] = [];
  const start = async (app: Hono, port: number | undefined, hostname?: string): Promise<number> => {
    const server = await listen((req) => app.fetch(req), port ?? 0, hostname);
    servers.push(server);
    return (server.address() as AddressInfo).port;
  };
  const closeAll = () => Promise.all(servers.map(close)).then(() => undefined);
  let appUrl: string;
  let qerdsUrl: string;
  let apiUrls: Record<RegistryContract, string>;
  let apiOrigin: string;
  let secondOrigin: string;
  const oauth = state.oauth!;
  // The second provider shares the sign-in (tokens), the clock and the OAuth authority, not the messages.
  const second: SandboxState = { ...state, mailboxes: new Map() };
  let secondApiUrl: string | undefined;
  try {
    apiOrigin = `http://127.0.0.1:${await start(registryApp(state, oauth), options.apiPort)}`;
    // Another provider on another origin (another host, so no host permission of the extension covers it): it
    // accepts the same authority's tokens, as every federation member does.
    secondOrigin = `http://127.0.0.2:${await start(registryApp(second), options.secondProviderPort, '127.0.0.2')}`;
    apiUrls = { 'v2.1': apiOrigin + REGISTRY_BASE_PATHS['v2.1'], v3: apiOrigin + REGISTRY_BASE_PATHS.v3 };
    secondApiUrl = options.secondProvider ? secondOrigin + REGISTRY_BASE_PATHS[state.contract] : undefined;
    appUrl = `http://localhost:${await start(webApp(state, apiUrls, secondApiUrl), options.appPort)}`;
    // The provider is a site of its own, as a QERDS platform is: not the e-Box app's origin.
    qerdsUrl = `http://127.0.0.1:${await start(qerdsProviderApp(state), options.qerdsPort)}`;
  } catch (e) {
    await closeAll();
    throw e;
  }
  const scenarioMessages = populateSandbox(state, options, { appUrl, qerdsUrl });
  populateSecondProvider(second, { ...options, ...(options.secondProvider ? { secondProviderSize: options.secondProvider.size } : {}) }, qerdsUrl);
  second.appOrigin = state.appOrigin;
  const base = REGISTRY_BASE_PATHS[state.contract];
  oauth.providers = [
    { messageProviderId: 'sandbox-main', name: 'e-Box sandbox', url: `${apiOrigin}${base}/`, activationDate: '2017-12-01' },
    { messageProviderId: 'sandbox-second', name: 'e-Box sandbox, second provider', url: `${secondOrigin}${base}/`, activationDate: '2020-01-01' },
  ];
  const secondMailbox = second.mailboxes.get((COMPANIES[0] as Company).enterpriseNumber);
  if (options.secondProvider && secondMailbox) await Promise.all(secondMailbox.messages.flatMap((m) => m.documents.map((d) => materialise(d))));

  const mailboxes = [...state.mailboxes.values()];
  if (mailboxes.reduce((n, m) => n + m.messages.length, 0) <= PRERENDER_LIMIT) {
    await Promise.all(mailboxes.flatMap((m) => m.messages.flatMap((msg) => msg.documents.map((d) => materialise(d)))));
  }

  const tokens = Object.fromEntries([...state.tokens].map(([t, cbe]) => [cbe, t]));
  const first = COMPANIES[0] as Company;
  const sandbox: Sandbox = {
    appUrl,
    qerdsUrl,
    apiUrl: apiUrls[state.contract],
    apiUrls,
    ...(secondApiUrl ? { secondApiUrl } : {}),
    company: first,
    companies: COMPANIES,
    token: tokens[first.enterpriseNumber] as string,
    tokens,
    data: { mailbox: state.mailboxes.get(first.enterpriseNumber) as Mailbox, mailboxes: state.mailboxes, scenarioMessages, ...(secondMailbox ? { secondMailbox } : {}) },
    state,
    consumer: {
      tokenUrl: apiOrigin + TOKEN_PATHS.v5,
      tokenUrlV3: apiOrigin + TOKEN_PATHS.v3,
      federationUrl: `${apiOrigin}${FEDERATION_BASE}/messageProviders`,
      providerUrls: oauth.providers.map((p) => p.url),
      oauth,
      secondProvider: second,
      registerClient(client) {
        oauth.clients.set(client.clientId, { ...client, revoked: false, mandates: new Set(client.mandates ?? []) });
      },
    },
    setNow,
    expireSession(enterpriseNumber = first.enterpriseNumber) {
      for (const [t, cbe] of state.tokens) if (cbe === enterpriseNumber) state.tokens.delete(t);
      const fresh = randomBytes(24).toString('base64url');
      state.tokens.set(fresh, enterpriseNumber);
      sandbox.tokens[enterpriseNumber] = fresh;
      if (enterpriseNumber === first.enterpriseNumber) sandbox.token = fresh;
      return fresh;
    },
    close: closeAll,
  };
  return sandbox;
}
