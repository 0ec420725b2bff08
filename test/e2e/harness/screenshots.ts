// Screenshots for docs/screenshots/: what the project looks like, kept in the repository.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { SCREENSHOT_DIR } from './paths.ts';

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]/gi, '-')}.png`) as `${string}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}
