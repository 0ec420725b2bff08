// Calls to one provider's Message Registry for one consumer account: the list, a document's bytes. Each call carries
// the account's token (asked again once after a 401) and names the consulted enterprise; answers that are not what
// the contract says (HTML, garbage, a missing document) become errors that name the provider and what it said.
import { clientEnterpriseHeaders } from '../consumers/client-enterprise.ts';
import { snippet, type TokenClient } from '../consumers/token-client.ts';
import { LIST_PAGE_SIZE } from '../../../shared/ebox/registry-api.ts';
import { politeFetch, type RetryPolicy, DEFAULT_RETRY } from './polite-fetch.ts';
import type { Provider } from './provider-list.ts';

export class ProviderAnswerError extends Error {
  override name = 'ProviderAnswerError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/** The provider no longer has the document (or its message): removed or expired between list and download. */
export class DocumentGoneError extends ProviderAnswerError {
  override name = 'DocumentGoneError';
}

export interface MessagePage {
  items: unknown[];
  totalItems?: number;
}

export class RegistryClient {
  readonly provider: Provider;
  private readonly enterprise: string;
  private readonly tokens: TokenClient;
  private readonly retry: RetryPolicy;
  private readonly onWait?: (ms: number, why: string) => void;

  constructor(provider: Provider, enterprise: string, tokens: TokenClient, options: { retry?: RetryPolicy; onWait?: (ms: number, why: string) => void } = {}) {
    this.provider = provider;
    this.enterprise = enterprise;
    this.tokens = tokens;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.onWait = options.onWait;
  }

  /** Where a document's bytes are: the registry's contentHref when it is on the provider's own origin (the token is
   *  never sent elsewhere), otherwise the contract's path. */
  contentUrl(messageId: string, attachmentId: string, contentHref?: string): string {
    if (contentHref && URL.canParse(contentHref) && new URL(contentHref).origin === new URL(this.provider.url).origin) return contentHref;
    return `${this.provider.url}/ebox/messages/${encodeURIComponent(messageId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
  }

  private async call(url: string, accept: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.token();
      const res = await politeFetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: accept, ...clientEnterpriseHeaders(this.enterprise) } }, this.retry, this.onWait);
      if (res.status !== 401 || attempt > 0) return res;
      await res.body?.cancel();
      this.tokens.invalidate(token);
    }
  }

  async listPage(page: number, pageSize: number = LIST_PAGE_SIZE.max): Promise<MessagePage> {
    const url = `${this.provider.url}/ebox/messages?page=${page}&pageSize=${pageSize}`;
    const res = await this.call(url, 'application/json');
    const text = await res.text();
    if (!res.ok) throw new ProviderAnswerError(`GET /ebox/messages page ${page}: HTTP ${res.status} ${snippet(text)}`, res.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProviderAnswerError(`GET /ebox/messages page ${page} answered ${res.headers.get('content-type') ?? 'no content type'}, not JSON: ${snippet(text)}`, res.status);
    }
    const body = json as { items?: unknown; totalItems?: unknown };
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) throw new ProviderAnswerError(`GET /ebox/messages page ${page} answered JSON without an items list: ${snippet(text)}`, res.status);
    return { items: body.items, ...(typeof body.totalItems === 'number' ? { totalItems: body.totalItems } : {}) };
  }

  async download(url: string): Promise<Buffer> {
    const res = await this.call(url, '*/*');
    if (res.status === 404 || res.status === 410) {
      const text = await res.text();
      throw new DocumentGoneError(`the provider no longer has it (HTTP ${res.status} ${snippet(text)}): removed or expired since it was listed`, res.status);
    }
    if (!res.ok) throw new ProviderAnswerError(`HTTP ${res.status} ${snippet(await res.text())}`, res.status);
    return Buffer.from(await res.arrayBuffer());
  }
}
