// What every page needs: the config, the registry client, the language and its words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { UiLang, WebAppConfig } from './config.ts';
import type { Words } from './i18n.ts';
import type { RegistryClient } from './registry-client.ts';

export interface AppContextValue {
  config: WebAppConfig;
  client: RegistryClient;
  /** The second provider's registry, when the federation has one. */
  providerClient?: RegistryClient;
  lang: UiLang;
  words: Words;
  setLang: (l: UiLang) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside the app');
  return v;
}
