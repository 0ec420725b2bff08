// Thin wrappers over the extension runtime's messaging and storage, so domain code never touches `browser.*`.
import { browser } from 'wxt/browser';

export function sendToWorker(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** Registers a listener for this extension's own scripts and pages (others are ignored) that answers
 *  asynchronously through `reply` (returns true to keep the channel open). */
export function onWorkerMessage(listener: (message: unknown, sender: { tabId?: number; url?: string }, reply: (answer: unknown) => void) => boolean): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; tab?: { id?: number }; url?: string }, sendResponse: (answer: unknown) => void) => {
    if (sender.id !== browser.runtime.id) return false;
    return listener(message, { ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}), ...(sender.url ? { url: sender.url } : {}) }, sendResponse);
  });
}

export async function readLocal<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.local.get(key))[key] as T | undefined;
}

export function writeLocal(key: string, value: unknown): Promise<void> {
  return browser.storage.local.set({ [key]: value });
}

export function watchLocal<T>(key: string, onChange: (value: T | undefined) => void, signal: AbortSignal, area: 'local' | 'session' = 'local'): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, changed: string) => {
    if (changed === area && key in changes) onChange(changes[key]!.newValue as T | undefined);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

/** Session storage: kept while the browser runs, gone when it closes, never visible to content scripts. */
export async function readSession<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}

export function writeSession(key: string, value: unknown): Promise<void> {
  return browser.storage.session.set({ [key]: value });
}

/** A repeating alarm: wakes a stopped service worker (MV3 minimum period: 30 s packed, 1 s unpacked). */
export function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  return browser.alarms.create(name, { periodInMinutes }) as unknown as Promise<void>;
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

export function onAlarm(name: string, listener: () => void): void {
  browser.alarms.onAlarm.addListener((alarm: { name: string }) => {
    if (alarm.name === name) listener();
  });
}

export async function openExtensionTab(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path as '/') });
}
