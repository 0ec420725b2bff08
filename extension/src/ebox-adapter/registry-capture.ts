// Runs in the e-Box page's own JavaScript world: observes the app's calls to its Message Registry (fetch and
// XMLHttpRequest) and hands each JSON answer and the Authorization header it used to the isolated content script.
// The app's behaviour is untouched: responses are cloned, errors in the observer are swallowed.
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

/** 'json' for answers the extension reads; 'fact' for a document's bytes, whose fetch opens the message. */
function wanted(url: string): 'json' | 'fact' | undefined {
  const call = classifyRegistryUrl(url, window.location.href);
  if (!call) return undefined;
  return call.kind === 'attachment-content' ? 'fact' : 'json';
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
      const want = wanted(url);
      if (want === 'fact') post(new URL(url, window.location.href).href, response.status, undefined, undefined);
      else if (want && (response.headers.get('content-type') ?? '').includes('json')) {
        const authorization = headerOf(init?.headers, 'authorization') ?? (input instanceof Request ? input.headers.get('authorization') ?? undefined : undefined);
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
    const want = s && wanted(s.url);
    if (s && want) {
      this.addEventListener('load', () => {
        try {
          if (want === 'fact') return post(s.url, this.status, undefined, undefined);
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
