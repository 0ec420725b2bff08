// One HTTP request to a provider, repeated as the provider asks: 429 and 503 wait for Retry-After (seconds or an
// HTTP date) or, without it, for an exponential back-off with jitter; a dropped connection and other 5xx back off
// the same way. Any other answer, good or bad, is the caller's to judge.

export interface RetryPolicy {
  attempts: number;
  /** First back-off in ms; doubles each time. */
  baseDelayMs: number;
  /** No single wait is longer than this (a Retry-After beyond it is cut to it). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 };

export class ProviderUnreachableError extends Error {
  override name = 'ProviderUnreachableError';
}

export function retryAfterMs(header: string | null, nowMs = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function politeFetch(
  url: string,
  init: RequestInit,
  policy: RetryPolicy = DEFAULT_RETRY,
  onWait?: (ms: number, why: string) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    let res: Response;
    try {
      res = await fetchImpl(url, init);
    } catch (err) {
      if (attempt >= policy.attempts) throw new ProviderUnreachableError(`${url} cannot be reached (${(err as Error).cause ? String((err as { cause: unknown }).cause) : (err as Error).message})`);
      onWait?.(backoff, 'connection failed');
      await sleep(backoff);
      continue;
    }
    const busy = res.status === 429 || res.status === 503;
    if ((!busy && res.status < 500) || attempt >= policy.attempts) return res;
    const asked = busy ? retryAfterMs(res.headers.get('retry-after')) : undefined;
    const wait = Math.min(policy.maxDelayMs, asked ?? backoff);
    await res.body?.cancel();
    onWait?.(wait, `HTTP ${res.status}`);
    await sleep(wait);
  }
}
