// The model of an e-Box tab, from what the app loads and its URL only: each captured registry call, each URL change
// and the last-resort hints (a selectEnterprise link followed, the header's company) fold into the tab's state.
// Pure and synchronous: the service worker keeps the state and publishes it; tests run it in Node.
import { normaliseCbe, type Enterprise } from '../../../shared/ebox/enterprise.ts';
import { LANGUAGES, type EboxMessage, type Language } from '../../../shared/ebox/model.ts';
import { normaliseMessage, normaliseMessagePage } from '../../../shared/ebox/normalise.ts';
import type { MessageOpening, PageFacts, RegistrySeen } from './page-facts.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import { classifyRegistryUrl } from './registry-urls.ts';
import { bearerClaims, claimsOf } from './token-claims.ts';

export type PageEvent =
  /** An answer the app received from a registry; `pageUrl` is the app's URL when it was received. */
  | { type: 'call'; pageUrl: string; url: string; status: number; body?: unknown; authorization?: string; at: string }
  | { type: 'location'; url: string; documentLanguage?: string; at: string }
  /** The user followed a `selectEnterprise` link (company choice). */
  | { type: 'selectEnterprise'; href: string; at: string }
  /** What the app's header shows of the company: only used while nothing better is known. */
  | { type: 'header'; cbe?: string; name?: string; at: string }
  /** What the overlay's features could place on the page in their last run (for diagnostics). */
  | { type: 'placement'; placement: Record<string, { placed: number; unplaced: number }>; at: string };

/** One registry call as diagnostics lists it (no answer content: it may hold personal data). */
export interface CallSeen {
  kind: string;
  base: string;
  status: number;
  at: string;
}
const CALLS_KEPT = 100;

type Kind = 'registered' | 'qualified';
type EnterpriseSource = NonNullable<PageFacts['enterprise']>['source'];
const RANK: Record<EnterpriseSource, number> = { header: 0, selection: 1, token: 2, data: 3 };
/** Ids remembered per tab, to recognise a route that carries one (bounded: a tab can list thousands). */
const KNOWN_LIMIT = 2000;

export interface TabState {
  facts: PageFacts;
  /** `${base} ${messageId}` of the registered and qualified messages seen, with their kind. */
  kinds: Record<string, Kind>;
  /** `${base} ${messageId}` of messages seen as simple mail (an opening of those is no legal act). */
  simple: string[];
  /** `${base} ${messageId}` → its main documents' ids, when the data said which they are. */
  mainDocuments: Record<string, string[]>;
  /** Every message id seen in this tab → its registry base (newest last). */
  known: Record<string, string>;
  /** Openings already announced, and contents fetched before the message's kind was known. */
  opened: string[];
  pending: Array<{ base: string; messageId: string; at: string }>;
  /** The last registry calls seen, newest last. */
  calls: CallSeen[];
  placement: Record<string, { placed: number; unplaced: number }>;
  /** The app's URL when the open message was last loaded: a different URL without that id means it was closed. */
  openAt?: string;
}

export interface ReduceContext {
  /** Whether the extension may fetch from this registry base's origin. */
  permitted(base: string): boolean;
  /** Words for people (the worker passes its i18n; tests pass the key). */
  say(key: 'problemSession' | 'problemHttp' | 'problemPermission' | 'problemMalformed', detail: string): string;
}

export function emptyTabState(tabId: number, url: string, at: string): TabState {
  return { facts: { tabId, url, registries: [], updatedAt: at }, kinds: {}, simple: [], mainDocuments: {}, known: {}, opened: [], pending: [], calls: [], placement: {} };
}

const key = (base: string, id: string) => `${base} ${id}`;

function languageOf(text: string | null | undefined): Language | undefined {
  const l = text?.trim().toLowerCase().slice(0, 2);
  return LANGUAGES.find((x) => x === l);
}

/** The language a URL names: a path or hash segment ("/fr/messages", "#/nl/inbox"), or a lang/qlang parameter. */
export function languageOfUrl(raw: string): Language | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const hash = new URL(url.hash.replace(/^#!?/, '') || '/', url.origin);
  for (const u of [url, hash]) {
    for (const segment of u.pathname.split('/')) {
      const l = languageOf(segment.length === 2 ? segment : undefined);
      if (l) return l;
    }
    for (const p of ['lang', 'language', 'locale', 'qlang']) {
      const l = languageOf(u.searchParams.get(p));
      if (l) return l;
    }
  }
  return undefined;
}

/** The message id a URL carries in its path or hash route, among the ids this tab has seen. */
export function routeMessageId(raw: string, known: Record<string, string>): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const hash = new URL(url.hash.replace(/^#!?/, '') || '/', url.origin);
  const candidates = [...url.pathname.split('/'), ...hash.pathname.split('/'), ...url.searchParams.values(), ...hash.searchParams.values()];
  for (const c of candidates) {
    let id = c;
    try {
      id = decodeURIComponent(c);
    } catch {
      // Keep the raw segment.
    }
    if (id && Object.hasOwn(known, id)) return id;
  }
  return undefined;
}

function setEnterprise(state: TabState, found: { cbe?: string | undefined; name?: string | undefined }, source: EnterpriseSource): void {
  const cbe = normaliseCbe(found.cbe);
  const current = state.facts.enterprise;
  if (!cbe) {
    // A name alone completes what is known of the same company; it never names another.
    if (current && found.name && !current.name) current.name = found.name;
    return;
  }
  if (current && RANK[source] < RANK[current.source] && current.cbe !== cbe) return;
  const name = found.name ?? (current?.cbe === cbe ? current.name : undefined);
  const enterprise: Enterprise = { cbe, ...(name ? { name } : {}) };
  state.facts.enterprise = { ...enterprise, source: current?.cbe === cbe && RANK[current.source] > RANK[source] ? current.source : source };
}

function remember(state: TabState, base: string, m: EboxMessage): void {
  const k = key(base, m.messageId);
  const kind = registeredKindOf(m);
  if (kind === 'registered' || kind === 'qualified') state.kinds[k] = kind;
  else if (!state.simple.includes(k)) state.simple.push(k);
  if (m.documents.length) state.mainDocuments[k] = m.documents.filter((d) => d.mainContent).map((d) => d.attachmentId);
  delete state.known[m.messageId];
  state.known[m.messageId] = base;
  const ids = Object.keys(state.known);
  for (const old of ids.slice(0, Math.max(0, ids.length - KNOWN_LIMIT))) delete state.known[old];
}

function registry(state: TabState, base: string, ctx: ReduceContext): RegistrySeen {
  let r = state.facts.registries.find((x) => x.base === base);
  if (!r) {
    r = { base, permitted: ctx.permitted(base) };
    state.facts.registries.push(r);
  }
  return r;
}

/** Re-reads every registry's permission (after the user granted or declined one). */
export function refreshPermissions(state: TabState, ctx: ReduceContext): TabState {
  for (const r of state.facts.registries) {
    const permitted = ctx.permitted(r.base);
    if (permitted && !r.permitted && r.problem === ctx.say('problemPermission', new URL(r.base).origin)) delete r.problem;
    r.permitted = permitted;
    if (!permitted && !r.problem) r.problem = ctx.say('problemPermission', new URL(r.base).origin);
  }
  return state;
}

function announce(state: TabState, base: string, messageId: string, at: string): MessageOpening | undefined {
  const k = key(base, messageId);
  const kind = state.kinds[k];
  if (!kind || state.opened.includes(k)) return undefined;
  state.opened.push(k);
  const { enterprise, person } = state.facts;
  return {
    base,
    messageId,
    at,
    by: 'page',
    ...(enterprise ? { enterprise: { cbe: enterprise.cbe, ...(enterprise.name ? { name: enterprise.name } : {}) } } : {}),
    ...(person ? { person } : {}),
  };
}

/** A content or body fetch: an opening now if the message is known registered, later if its kind is not known yet. */
function contentFetched(state: TabState, base: string, messageId: string, at: string): MessageOpening[] {
  const k = key(base, messageId);
  if (state.kinds[k]) {
    const o = announce(state, base, messageId, at);
    return o ? [o] : [];
  }
  if (!state.simple.includes(k) && !state.pending.some((p) => p.base === base && p.messageId === messageId)) state.pending.push({ base, messageId, at });
  return [];
}

function settlePending(state: TabState): MessageOpening[] {
  const out: MessageOpening[] = [];
  state.pending = state.pending.filter((p) => {
    const k = key(p.base, p.messageId);
    if (state.kinds[k]) {
      const o = announce(state, p.base, p.messageId, p.at);
      if (o) out.push(o);
      return false;
    }
    return !state.simple.includes(k);
  });
  return out;
}

function openMessage(state: TabState, base: string, messageId: string, pageUrl: string): void {
  state.facts.open = { base, messageId };
  state.openAt = pageUrl;
}

function applyLanguage(state: TabState, documentLanguage: string | undefined): void {
  const lang = languageOf(documentLanguage) ?? languageOfUrl(state.facts.url) ?? (state.facts.listed ? languageOfUrl(state.facts.listed.listUrl) : undefined);
  if (lang) state.facts.language = lang;
}

function reduceCall(state: TabState, e: Extract<PageEvent, { type: 'call' }>, ctx: ReduceContext): MessageOpening[] {
  const call = classifyRegistryUrl(e.url, e.pageUrl);
  if (!call) return [];
  state.calls = [...(state.calls ?? []), { kind: call.kind, base: call.base, status: e.status, at: e.at }].slice(-CALLS_KEPT);
  const r = registry(state, call.base, ctx);
  r.permitted = ctx.permitted(call.base);
  const ok = e.status >= 200 && e.status < 300;
  if (!ok) r.problem = ctx.say(e.status === 401 || e.status === 403 ? 'problemSession' : 'problemHttp', String(e.status));
  else if (!r.permitted) r.problem = ctx.say('problemPermission', new URL(call.base).origin);
  else delete r.problem;

  const claims = bearerClaims(e.authorization);
  if (claims.cbe) setEnterprise(state, { cbe: claims.cbe, name: claims.enterpriseName }, 'token');
  if (claims.person) state.facts.person = claims.person;
  if (!ok) return [];

  const openings: MessageOpening[] = [];
  switch (call.kind) {
    case 'messages': {
      let page: ReturnType<typeof normaliseMessagePage>;
      try {
        page = normaliseMessagePage(e.body);
      } catch (err) {
        r.problem = ctx.say('problemMalformed', err instanceof Error ? err.message : String(err));
        return [];
      }
      for (const m of page.messages) remember(state, call.base, m);
      state.facts.listed = { base: call.base, listUrl: call.url, ids: page.messages.map((m) => m.messageId), ...(page.totalItems !== undefined ? { totalItems: page.totalItems } : {}) };
      // The list shown on another URL than the open message's: the app went back to a list.
      if (state.openAt !== undefined && state.openAt !== e.pageUrl) {
        delete state.facts.open;
        delete state.openAt;
      }
      break;
    }
    case 'message': {
      try {
        remember(state, call.base, normaliseMessage(e.body));
      } catch (err) {
        r.problem = ctx.say('problemMalformed', err instanceof Error ? err.message : String(err));
      }
      openMessage(state, call.base, call.messageId, e.pageUrl);
      break;
    }
    case 'attachments':
      openMessage(state, call.base, call.messageId, e.pageUrl);
      break;
    case 'body':
      openMessage(state, call.base, call.messageId, e.pageUrl);
      openings.push(...contentFetched(state, call.base, call.messageId, e.at));
      break;
    case 'attachment-content': {
      openMessage(state, call.base, call.messageId, e.pageUrl);
      const main = state.mainDocuments[key(call.base, call.messageId)];
      // An annex opened is not the message read; when the data did not say which is main, any document counts.
      if (!main || main.length === 0 || main.includes(call.attachmentId)) openings.push(...contentFetched(state, call.base, call.messageId, e.at));
      break;
    }
    case 'summary': {
      const found = claimsOf(e.body);
      if (found.cbe) setEnterprise(state, { cbe: found.cbe, name: found.enterpriseName }, 'data');
      if (found.person) state.facts.person = found.person;
      break;
    }
    case 'reference':
      break;
  }
  openings.push(...settlePending(state));
  applyLanguage(state, undefined);
  return openings;
}

/** Folds one event into the tab's state; returns the new state and the openings it revealed. */
export function reducePage(previous: TabState | undefined, tabId: number, event: PageEvent, ctx: ReduceContext): { state: TabState; openings: MessageOpening[] } {
  const state: TabState = previous ? structuredClone(previous) : emptyTabState(tabId, event.type === 'location' ? event.url : event.type === 'call' ? event.pageUrl : '', event.at);
  let openings: MessageOpening[] = [];
  switch (event.type) {
    case 'call':
      if (event.pageUrl) state.facts.url = event.pageUrl;
      openings = reduceCall(state, event, ctx);
      break;
    case 'location': {
      state.facts.url = event.url;
      const id = routeMessageId(event.url, state.known);
      if (id) openMessage(state, state.known[id]!, id, event.url);
      else if (state.openAt !== undefined && state.openAt !== event.url) {
        delete state.facts.open;
        delete state.openAt;
      }
      applyLanguage(state, event.documentLanguage);
      break;
    }
    case 'selectEnterprise': {
      let cbe: string | undefined;
      try {
        const u = new URL(event.href);
        cbe = [...u.searchParams.values(), ...u.pathname.split('/'), ...u.hash.split(/[/?&=#]/)].map((v) => normaliseCbe(v)).find(Boolean);
      } catch {
        cbe = undefined;
      }
      if (cbe) setEnterprise(state, { cbe }, 'selection');
      break;
    }
    case 'placement':
      state.placement = event.placement;
      break;
    case 'header':
      if (!state.facts.enterprise || state.facts.enterprise.source === 'header' || normaliseCbe(event.cbe) === state.facts.enterprise.cbe) setEnterprise(state, { cbe: event.cbe, name: event.name }, 'header');
      break;
  }
  state.facts.updatedAt = event.at;
  return { state, openings };
}
