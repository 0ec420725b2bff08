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

/**
 * The host of this extension's Origin, which is how the helper knows it: Chrome's extension ID, Firefox's
 * per-install UUID (runtime.id is the gecko id there, which never appears in a request).
 */
export function extensionOriginHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

export async function removeSession(key: string): Promise<void> {
  await browser.storage.session.remove(key);
}

/** Extension pages only: content scripts cannot see session storage. */
export function watchSession<T>(key: string, onChange: (value: T | undefined) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && key in changes) onChange(changes[key]!.newValue as T | undefined);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

export function onTabClosed(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId: number) => listener(tabId));
}

/**
 * The match pattern that grants an origin: without its port. Chrome's portless pattern covers every port; Firefox
 * answers permissions.contains for a pattern with a port "false" even where the portless one is granted (the
 * sandbox's registry on 127.0.0.1:<port>, refused every document although the manifest grants http://127.0.0.1/*).
 */
export function hostPattern(origin: string): string {
  const { protocol, hostname } = new URL(origin);
  return `${protocol}//${hostname}/*`;
}

/** Whether the extension may fetch from an origin (its manifest's or a granted optional host permission). */
export async function hasHostAccess(origin: string): Promise<boolean> {
  if (TEST_BUILD && (await readLocal<string[]>(TEST_GRANTED_KEY))?.includes(origin)) return true;
  try {
    return await browser.permissions.contains({ origins: [hostPattern(origin)] });
  } catch {
    return false;
  }
}

const TEST_BUILD = import.meta.env.WXT_EBOX_SANDBOX === '1';
/** Where the test build's e2e tests answer the permission prompt, which puppeteer cannot reach (a browser dialog,
 *  not a page's): 'decline', or 'grant' as the user accepting would. */
export const TEST_PROMPT_ANSWER_KEY = 'test.permissionPrompt';
/** The test build's grants (the browser's own cannot be given without its dialog), and how often it was asked. */
const TEST_GRANTED_KEY = 'test.grantedOrigins';
export const TEST_PROMPTS_KEY = 'test.permissionPrompts';

/** Asks the user for an optional host permission; needs a user gesture in an extension page. */
export async function requestHostAccess(origin: string): Promise<boolean> {
  if (TEST_BUILD) {
    const answer = await readLocal<string>(TEST_PROMPT_ANSWER_KEY);
    if (answer) await writeLocal(TEST_PROMPTS_KEY, ((await readLocal<number>(TEST_PROMPTS_KEY)) ?? 0) + 1);
    if (answer === 'decline') return false;
    if (answer === 'grant') {
      await writeLocal(TEST_GRANTED_KEY, [...new Set([...((await readLocal<string[]>(TEST_GRANTED_KEY)) ?? []), origin])]);
      return true;
    }
  }
  return browser.permissions.request({ origins: [hostPattern(origin)] });
}

export function onHostAccessChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  if (TEST_BUILD) browser.storage.onChanged.addListener((changes, area) => area === 'local' && TEST_GRANTED_KEY in changes && listener());
}

/** Sends a message to one tab's content script; undefined when none answers. */
export async function sendToTab(tabId: number, message: unknown): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, message);
  } catch {
    return undefined;
  }
}

interface FirefoxDns {
  resolve(hostname: string): Promise<{ addresses: string[] }>;
}

/**
 * The addresses a host name resolves to, where the browser lets an extension ask (Firefox's dns API; Chrome has
 * none): a sender-given evidence host that resolves into the local network is then refused before any request.
 */
export function hostResolver(): ((hostname: string) => Promise<string[]>) | undefined {
  const dns = (globalThis as { browser?: { dns?: FirefoxDns } }).browser?.dns;
  return dns ? async (hostname) => (await dns.resolve(hostname)).addresses : undefined;
}
