// The providers an account consults: those given by hand, or the federation's list. Federation 1.3
// (ebox-federation-1.3.yaml) answers an array of MessageProvider; the newer Document Provider Registry's schema is
// not public, so a list under `items` and a URL under messageRegistryUrl/url are read too. A provider not yet
// activated, or deactivated, is skipped, as the spec says.
import { z } from 'zod';
import { snippet, type TokenClient } from '../consumers/token-client.ts';
import { politeFetch } from './polite-fetch.ts';

export interface Provider {
  /** The registry's base URL, without a trailing slash: also its key in the sync database. */
  url: string;
  name: string;
}

const providerSchema = z.looseObject({
  messageProviderId: z.string().optional(),
  messageProviderName: z.looseObject({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional(), de: z.string().optional() }).optional(),
  messageProviderUrl: z.string().optional(),
  messageRegistryUrl: z.string().optional(),
  url: z.string().optional(),
  messageProviderActivationDate: z.string().optional(),
  messageProviderDeactivationDate: z.string().optional(),
});

export class FederationError extends Error {
  override name = 'FederationError';
}

export function providerKey(url: string): string {
  return url.replace(/\/+$/, '');
}

export function parseProviderList(json: unknown, today = new Date().toISOString().slice(0, 10)): Provider[] {
  const list = Array.isArray(json) ? json : z.looseObject({ items: z.array(z.unknown()) }).safeParse(json).data?.items;
  if (!list) throw new FederationError('the provider list is neither an array nor {items: [...]}');
  const providers: Provider[] = [];
  for (const item of list) {
    const p = providerSchema.safeParse(item);
    const url = p.success ? (p.data.messageProviderUrl ?? p.data.messageRegistryUrl ?? p.data.url) : undefined;
    if (!p.success || !url || !URL.canParse(url)) continue;
    if (p.data.messageProviderActivationDate && p.data.messageProviderActivationDate.slice(0, 10) > today) continue;
    if (p.data.messageProviderDeactivationDate && p.data.messageProviderDeactivationDate.slice(0, 10) <= today) continue;
    const name = p.data.messageProviderName?.en ?? p.data.messageProviderName?.fr ?? p.data.messageProviderId ?? new URL(url).host;
    providers.push({ url: providerKey(url), name });
  }
  return providers;
}

export async function fetchProviderList(federationUrl: string, tokens: TokenClient): Promise<Provider[]> {
  const token = await tokens.token();
  const res = await politeFetch(federationUrl, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  const text = await res.text();
  if (res.status === 401) tokens.invalidate(token);
  if (!res.ok) throw new FederationError(`the federation ${federationUrl} answered HTTP ${res.status} ${snippet(text)}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FederationError(`the federation ${federationUrl} answered something that is not JSON: ${snippet(text)}`);
  }
  return parseProviderList(json);
}
