// The host permissions the manifest asks for, as the browser grants them now: a user may revoke them (Chrome's
// "site access", Firefox's about:addons) or never grant them (Firefox MV3 may install without). Without them the
// overlay silently disappears, so the popup says so, with a button that asks again.
import { browser } from 'wxt/browser';

function requested(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

/** The manifest's host permissions that are not granted now. */
export async function missingHostPermissions(): Promise<string[]> {
  const origins = requested();
  const granted = await Promise.all(origins.map((origin) => browser.permissions.contains({ origins: [origin] })));
  return origins.filter((_, i) => !granted[i]);
}

/** Must run from a user's click (the browser refuses the request otherwise). */
export function requestHostPermissions(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/** Calls `onChange` whenever a permission is granted or revoked; returns the function that stops it. */
export function watchHostPermissions(onChange: () => void): () => void {
  browser.permissions.onAdded.addListener(onChange);
  browser.permissions.onRemoved.addListener(onChange);
  return () => {
    browser.permissions.onAdded.removeListener(onChange);
    browser.permissions.onRemoved.removeListener(onChange);
  };
}
