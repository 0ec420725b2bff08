// What a bearer token the app sends says about who is signed in. A JWT's payload is read without verifying it:
// it only names the company and the person for the archive, it grants nothing. Opaque tokens say nothing.
import { normaliseCbe } from '../../../shared/ebox/enterprise.ts';

/** The claim the federal identity services use for an enterprise number (introspection's principalAttributes). */
export const CBE_CLAIM = 'urn:be:fgov:kbo-bce:organization:cbe-number';
const CBE_KEYS = [CBE_CLAIM, 'cbeNumber', 'cbe', 'enterpriseNumber', 'kboNumber'];
const ENTERPRISE_NAME_KEYS = ['urn:be:fgov:kbo-bce:organization:name', 'organizationName', 'enterpriseName'];

export interface TokenClaims {
  cbe?: string;
  enterpriseName?: string;
  person?: string;
}

function decodeBase64Url(part: string): string | undefined {
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return first(value[0]);
  return undefined;
}

function pick(obj: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const v = first(obj[key]);
    if (v?.trim()) return v.trim();
  }
  return undefined;
}

/** The enterprise number and names found at the top level of an object or in its `principalAttributes`. */
export function claimsOf(payload: unknown): TokenClaims {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return {};
  const top = payload as Record<string, unknown>;
  const nested = top.principalAttributes && typeof top.principalAttributes === 'object' ? (top.principalAttributes as Record<string, unknown>) : {};
  const out: TokenClaims = {};
  for (const obj of [top, nested]) {
    out.cbe ??= normaliseCbe(pick(obj, CBE_KEYS));
    out.enterpriseName ??= pick(obj, ENTERPRISE_NAME_KEYS);
    const given = pick(obj, ['givenName', 'given_name']);
    const family = pick(obj, ['familyName', 'family_name', 'surname']);
    out.person ??= given && family ? `${given} ${family}` : pick(obj, ['name']);
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TokenClaims;
}

/** Claims of an `Authorization: Bearer <JWT>` header; {} for an opaque token or anything else. */
export function bearerClaims(authorization: string | undefined): TokenClaims {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const parts = token?.split('.');
  if (!parts || parts.length !== 3) return {};
  const json = decodeBase64Url(parts[1]!);
  if (!json) return {};
  try {
    return claimsOf(JSON.parse(json));
  } catch {
    return {};
  }
}
