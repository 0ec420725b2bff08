// Runs in the e-Box page's own JavaScript world: observes the app's calls to its Message Registry (fetch and
// XMLHttpRequest) and hands each JSON answer and the Authorization header it used to the isolated content script.
// A document's content is reported without its bytes (that it was fetched is an opening). The app's behaviour is
// untouched: responses are cloned, errors in the observer are swallowed.
import { BRIDGE_CHANNEL, type BridgeMessage } from './bridge-protocol.ts';
import { classifyRegistryUrl } from './registry-urls.ts';

const GUARD = '__eboxKeeperCapture';

function headerOf(headers: HeadersInit | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  return new Headers(headers).get(name) ?? undefined;
}

function post(url: string, status: number, authorization: string | undefined, body: unknown): void {
  const message: BridgeMessage = { channel: BRIDGE_CHANNEL, url, status, body, at: new Date().toISOString(), ...(authorization ? { authorization } : {}) };
  window.postMessage(message, window.location.origin);
}

function kindOf(url: string): string | undefined {
  return classifyRegistryUrl(url, window.location.href)?.kind;
}

export function installRegistryCapture(): void {
  const w = window as unknown as Record<string, unknown>;
  if (w[GUARD]) return;
  w[GUARD] = true;

  const originalFetch = window.fetch;
  window.fetch = async function (this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const response = await originalFetch.call(this ?? window, input, init);
    try {
      const url = input instanceof Request ? input.url : String(input);
      const kind = kindOf(url);
      const authorization = kind ? headerOf(init?.headers, 'authorization') ?? (input instanceof Request ? input.headers.get('authorization') ?? undefined : undefined) : undefined;
      if (kind === 'attachment-content') post(new URL(url, window.location.href).href, response.status, authorization, undefined);
      else if (kind && (response.headers.get('content-type') ?? '').includes('json')) {
        response
          .clone()
          .json()
          .then((body: unknown) => post(new URL(url, window.location.href).href, response.status, authorization, body), () => {});
      }
    } catch {
      // Observing must never break the app.
    }
    return response;
  };

  const open = XMLHttpRequest.prototype.open;
  const setHeader = XMLHttpRequest.prototype.setRequestHeader;
  const state = new WeakMap<XMLHttpRequest, { url: string; authorization?: string }>();
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    state.set(this, { url: new URL(String(url), window.location.href).href });
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const s = state.get(this);
    if (s && name.toLowerCase() === 'authorization') s.authorization = value;
    return setHeader.call(this, name, value);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const s = state.get(this);
    const kind = s && kindOf(s.url);
    if (s && kind) {
      this.addEventListener('load', () => {
        if (kind === 'attachment-content') return post(s.url, this.status, s.authorization, undefined);
        try {
          const parsed: unknown = this.responseType === 'json' ? this.response : this.responseType === '' || this.responseType === 'text' ? JSON.parse(this.responseText) : undefined;
          if (parsed !== undefined) post(s.url, this.status, s.authorization, parsed);
        } catch {
          // Not JSON: nothing to observe.
        }
      });
    }
    return send.call(this, body as XMLHttpRequestBodyInit | null | undefined);
  };
}
