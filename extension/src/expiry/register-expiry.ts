// Registers the expiry capability's listeners, synchronously, at the top of the service worker: a restarted worker
// must hear the alarm or click that woke it. Also recomputes at once, so the badge is right after every start.
import { browser } from 'wxt/browser';
import { initI18n } from '../i18n/i18n.ts';
import { watchSettings } from '../settings/settings-store.ts';
import { isExpiryAlarm } from './expiry-alarms.ts';
import { expiryHandlers, expirySchemas } from './expiry-protocol.ts';
import { serve } from '../messaging/server.ts';
import { createExpiryService, type ExpiryDeps, type ExpiryService } from './expiry-service.ts';

/**
 * A bulk archive changes the store once per message; with 100,000 seen messages one read of the store costs
 * seconds, so a burst of changes is answered by one recomputation once the store is quiet this long. (Only a
 * coalescing delay: a worker stopped meanwhile recomputes on its next start anyway.)
 */
const STORE_SETTLE_MS = 250;

function debounced(ms: number, run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}

function logged(what: string, work: () => Promise<unknown>): void {
  work().catch((error: unknown) => console.error(`[expiry] ${what} failed`, error));
}

export function registerExpiry(deps: Omit<ExpiryDeps, 'i18nReady'>): ExpiryService {
  // Without translations the reminders still go out, in the browser's language.
  const i18nReady = initI18n(() => logged('refresh on language change', service.refresh)).catch((error: unknown) => console.error('[expiry] i18n', error));
  const service = createExpiryService({ ...deps, i18nReady });
  const refresh = (why: string) => () => logged(`refresh on ${why}`, service.refresh);

  browser.runtime.onInstalled.addListener(refresh('install'));
  browser.runtime.onStartup.addListener(refresh('startup'));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (isExpiryAlarm(alarm.name)) logged('refresh on alarm', service.refresh);
  });
  browser.notifications.onButtonClicked.addListener((id, index) => logged('notification button', () => service.onNotificationButton(id, index)));
  browser.notifications.onClicked.addListener((id) => logged('notification click', () => service.onNotificationClicked(id)));
  serve(expiryHandlers(service), expirySchemas);
  deps.source.onChange(debounced(STORE_SETTLE_MS, refresh('seen messages change')));
  watchSettings(refresh('settings change'));

  logged('refresh on worker start', service.refresh);
  return service;
}
