// What the server tells the single-page app at load time (never the token: that comes from sign-in).
import type { RegistryContract } from '../../../../shared/ebox/registry-api.ts';

export type UiLang = 'fr' | 'nl' | 'de';

export interface WebAppConfig {
  apiBase: string;
  contract: RegistryContract;
  companies: Array<{ enterpriseNumber: string; name: string; language: UiLang }>;
}

export function readConfig(): WebAppConfig {
  const el = document.getElementById('ebox-config');
  if (!el?.textContent) throw new Error('e-Box configuration missing from the page');
  return JSON.parse(el.textContent) as WebAppConfig;
}
