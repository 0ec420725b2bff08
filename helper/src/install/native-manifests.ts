// The native-messaging host manifests: one per browser family, naming only e-Box Keeper's extension (Chrome,
// Chromium and Edge by allowed_origins, Firefox by allowed_extensions), at the per-user place each browser reads on
// each platform (Linux and macOS: a directory; Windows: a registry value pointing at the file).
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../../shared/extension-ids.ts';

export type Browser = 'chrome' | 'chromium' | 'edge' | 'firefox';
export const BROWSERS: readonly Browser[] = ['chrome', 'chromium', 'edge', 'firefox'];
export type InstallPlatform = 'linux' | 'darwin' | 'win32';

const DESCRIPTION = 'e-Box Keeper: pairs the extension with the local helper';

export function nativeHostManifest(browser: Browser, hostPath: string, extraChromeIds: readonly string[] = []): object {
  const common = { name: NATIVE_HOST_NAME, description: DESCRIPTION, path: hostPath, type: 'stdio' };
  if (browser === 'firefox') return { ...common, allowed_extensions: [FIREFOX_EXTENSION_ID] };
  const ids = [CHROME_EXTENSION_ID, ...extraChromeIds.filter((id) => id !== CHROME_EXTENSION_ID)];
  return { ...common, allowed_origins: ids.map((id) => `chrome-extension://${id}/`) };
}

/** Where a browser looks for the manifest for this user: a file (Linux, macOS) or a registry key (Windows). */
export function manifestLocation(browser: Browser, platform: InstallPlatform, home: string): { file: string } | { registryKey: string } {
  const file = `${NATIVE_HOST_NAME}.json`;
  if (platform === 'linux') {
    const dirs: Record<Browser, string> = {
      chrome: join(home, '.config', 'google-chrome', 'NativeMessagingHosts'),
      chromium: join(home, '.config', 'chromium', 'NativeMessagingHosts'),
      edge: join(home, '.config', 'microsoft-edge', 'NativeMessagingHosts'),
      firefox: join(home, '.mozilla', 'native-messaging-hosts'),
    };
    return { file: join(dirs[browser], file) };
  }
  if (platform === 'darwin') {
    const support = join(home, 'Library', 'Application Support');
    const dirs: Record<Browser, string> = {
      chrome: join(support, 'Google', 'Chrome', 'NativeMessagingHosts'),
      chromium: join(support, 'Chromium', 'NativeMessagingHosts'),
      edge: join(support, 'Microsoft Edge', 'NativeMessagingHosts'),
      firefox: join(support, 'Mozilla', 'NativeMessagingHosts'),
    };
    return { file: join(dirs[browser], file) };
  }
  const keys: Record<Browser, string> = {
    chrome: 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts',
    chromium: 'HKCU\\Software\\Chromium\\NativeMessagingHosts',
    edge: 'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts',
    firefox: 'HKCU\\Software\\Mozilla\\NativeMessagingHosts',
  };
  return { registryKey: `${keys[browser]}\\${NATIVE_HOST_NAME}` };
}
