// Real Chromium from Debian, headless, with the built extension loaded (puppeteer-core 25 `enableExtensions`), and
// the offline flags of ../shared/platform-notes.md. Never downloads a browser.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { REPO_ROOT } from './paths.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SANDBOX_EXTENSION_DIR = join(REPO_ROOT, '.output-sandbox', 'chrome-mv3');
export const VIEWPORT = { width: 1366, height: 900 } as const;

const OFFLINE_FLAGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];

/** Fails with what to do when the test build is missing, instead of a puzzling Chromium error. */
export function assertExtensionBuilt(dir: string = SANDBOX_EXTENSION_DIR): void {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`No built extension at ${dir}: run \`npm run build:sandbox\` first (npm test does).`);
  JSON.parse(readFileSync(manifest, 'utf8'));
}

/**
 * `userDataDir` and `env` (HOME) let a test start Chromium as a user's login would: Chromium reads native-messaging
 * hosts from <user data dir>/NativeMessagingHosts (~/.config/chromium for a real user).
 */
export async function launchChromium(options: { extensionDir?: string | null; userDataDir?: string; env?: Record<string, string> } = {}): Promise<Browser> {
  const extensionDir = options.extensionDir === undefined ? SANDBOX_EXTENSION_DIR : options.extensionDir;
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/ensure-system-tools.sh\``);
  if (extensionDir) assertExtensionBuilt(extensionDir);
  const asRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    ...(extensionDir ? { enableExtensions: [extensionDir] } : {}),
    defaultViewport: VIEWPORT,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    args: [...OFFLINE_FLAGS, ...(asRoot ? ['--no-sandbox'] : []), `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, '--lang=fr-BE'],
  });
}
