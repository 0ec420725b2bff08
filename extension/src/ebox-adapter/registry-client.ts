// The service worker's calls to the Message Registry, with the session the e-Box app itself uses: its bearer
// token when it sends one (captured on the app's own calls), else the browser's cookies for that registry (a cookie
// session). Host permissions exempt these calls from CORS; a provider not yet permitted is said so, not tried.
import { normaliseMessagePage } from '../../../shared/ebox/normalise.ts';
import type { EboxDocument, EboxMessage } from '../../../shared/ebox/model.ts';
import { documentUrl, listPageUrl } from './registry-urls.ts';
import type { RegistrySession } from './registry-observations.ts';

export class RegistryCallError extends Error {
  readonly status: number;
  constructor(status: number, what: string) {
    super(
      status === 401 || status === 403
        ? `${what}: the e-Box session has expired (HTTP ${status}); open the e-Box in a tab to continue`
        : `${what}: HTTP ${status}`,
    );
    this.name = 'RegistryCallError';
    this.status = status;
  }
}

export type SessionLookup = (base: string) => Promise<RegistrySession | undefined>;

/** A provider whose origin the extension may not fetch from yet (the user has not allowed it). */
export class RegistryNotPermittedError extends Error {
  readonly origin: string;
  constructor(origin: string, message: string) {
    super(message);
    this.name = 'RegistryNotPermittedError';
    this.origin = origin;
  }
}

/** Whether the extension may fetch from an origin, and the sentence that says it may not. */
export interface RegistryAccess {
  permitted(origin: string): Promise<boolean>;
  refusal(origin: string): string;
}

let access: RegistryAccess | undefined;

/** The service worker says how permissions are checked (tests and other contexts leave every origin allowed). */
export function setRegistryAccess(a: RegistryAccess): void {
  access = a;
}

async function call(session: RegistrySession | undefined, url: string, what: string, signal?: AbortSignal): Promise<Response> {
  const origin = new URL(url).origin;
  if (access && !(await access.permitted(origin))) throw new RegistryNotPermittedError(origin, access.refusal(origin));
  // Without a bearer token the app's session is its cookies: send them (the registry's own, never another site's).
  const init: RequestInit = session ? { headers: { Authorization: session.authorization }, credentials: 'omit' } : { credentials: 'include' };
  const res = await fetch(url, { ...init, ...(signal ? { signal } : {}) });
  if (!res.ok) throw new RegistryCallError(res.status, what);
  return res;
}

/** Fetches a document's bytes from the registry the message came from. */
export function documentFetcher(sessionFor: SessionLookup, baseOf: (message: EboxMessage) => string | undefined) {
  return async (message: EboxMessage, doc: EboxDocument, signal?: AbortSignal): Promise<ArrayBuffer> => {
    const base = baseOf(message);
    if (!base) throw new Error(`${doc.fileName}: the e-Box registry of this message is not known yet; open it in the e-Box`);
    const res = await call(await sessionFor(base), documentUrl(base, message.messageId, doc.attachmentId, doc.contentHref), doc.fileName, signal);
    return res.arrayBuffer();
  };
}

/** One page of a list the app showed (its filters kept), 100 messages at a time. */
export function listPager(sessionFor: SessionLookup) {
  return async (listUrl: string, page: number, signal: AbortSignal) => {
    const base = listUrl.replace(/\/ebox\/messages.*$/, '');
    const res = await call(await sessionFor(base), listPageUrl(listUrl, page), 'e-Box message list', signal);
    const body = (await res.json()) as { items?: unknown[] };
    const parsed = normaliseMessagePage(body);
    const wires = new Map((body.items ?? []).map((w) => [(w as { messageId?: string })?.messageId, w]));
    const items = parsed.messages.map((message) => ({ message, wire: wires.get(message.messageId), registryBase: base }));
    const seen = (page - 1) * 100 + (body.items?.length ?? 0);
    return { items, ...(parsed.totalItems !== undefined ? { totalItems: parsed.totalItems } : {}), last: (body.items?.length ?? 0) < 100 || (parsed.totalItems !== undefined && seen >= parsed.totalItems) };
  };
}
