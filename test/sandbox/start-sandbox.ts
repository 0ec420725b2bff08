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
  /** A second Document Provider (the federation): its own registry on another origin (http://127.0.0.2:PORT)
   *  holding `size` more messages for the first company; the web app lists them in a folder of their own. */
  secondProvider?: { size: number };
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
  // The second provider shares the sign-in (tokens) and the clock, not the messages.
  const second: SandboxState | undefined = options.secondProvider ? { ...state, mailboxes: new Map() } : undefined;
  let secondApiUrl: string | undefined;
  try {
    const apiOrigin = `http://127.0.0.1:${await start(registryApp(state), options.apiPort)}`;
    apiUrls = { 'v2.1': apiOrigin + REGISTRY_BASE_PATHS['v2.1'], v3: apiOrigin + REGISTRY_BASE_PATHS.v3 };
    if (second) secondApiUrl = `http://127.0.0.2:${await start(registryApp(second), 0, '127.0.0.2')}${REGISTRY_BASE_PATHS[state.contract]}`;
    appUrl = `http://localhost:${await start(webApp(state, apiUrls, secondApiUrl), options.appPort)}`;
    // The provider is a site of its own, as a QERDS platform is: not the e-Box app's origin.
    qerdsUrl = `http://127.0.0.1:${await start(qerdsProviderApp(state), options.qerdsPort)}`;
  } catch (e) {
    await closeAll();
    throw e;
  }
  const scenarioMessages = populateSandbox(state, options, { appUrl, qerdsUrl });
  let secondMailbox: Mailbox | undefined;
  if (second && options.secondProvider) {
    second.appOrigin = state.appOrigin;
    const first = COMPANIES[0] as Company;
    const links = { qerdsConsignment: (id: string) => `${qerdsUrl}/qerds/${encodeURIComponent(id)}` };
    secondMailbox = newMailbox(first, generateMessages({ seed: (options.seed ?? 1) + 424_242, company: first, now: options.now ?? state.now(), links }, options.secondProvider.size));
    second.mailboxes.set(first.enterpriseNumber, secondMailbox);
    await Promise.all(secondMailbox.messages.flatMap((m) => m.documents.map((d) => materialise(d))));
  }

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
