// What the server tells the single-page app at load time (never the token: that comes from sign-in).
import type { RegistryContract } from '../../../../shared/ebox/registry-api.ts';

export type UiLang = 'fr' | 'nl' | 'de';

/** The markup the app renders, as three different teams would write it (`?skin=` on any page load):
 *  `table` (the original), `grid` (ARIA grid of divs, ids only in links, hash routing), `cards` (web components
 *  with shadow roots, no ids anywhere in the page or the URL). The registry calls are the same. */
export type Skin = 'table' | 'grid' | 'cards';
export const SKINS: readonly Skin[] = ['table', 'grid', 'cards'];

export interface WebAppConfig {
  apiBase: string;
  /** A second Document Provider's registry (the federation), listed in a folder of its own. */
  secondProvider?: string;
  contract: RegistryContract;
  skin?: Skin;
  companies: Array<{ enterpriseNumber: string; name: string; language: UiLang }>;
}

export function readConfig(): WebAppConfig {
  const el = document.getElementById('ebox-config');
  if (!el?.textContent) throw new Error('e-Box configuration missing from the page');
  return JSON.parse(el.textContent) as WebAppConfig;
}
