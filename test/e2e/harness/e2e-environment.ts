// One call per e2e file: starts the sandbox (and the helper, when asked) on free ports and Chromium with the
// built extension before the tests, and stops all of it after the file, whatever happened.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/start-sandbox.ts';
import { launchChromium } from './chromium.ts';
import { extensionId } from './extension.ts';
import { startHelper, type HelperProcess } from './helper-process.ts';

export interface E2EEnvironment {
  sandbox: Sandbox;
  browser: Browser;
  extensionId: string;
  /** Present when the environment was asked for the helper. */
  helper: HelperProcess | undefined;
  newPage(): Promise<Page>;
}

export interface E2EOptions {
  sandbox?: SandboxOptions;
  helper?: boolean;
  /** null: Chromium without the extension (a baseline). */
  extensionDir?: string | null;
}

export function useE2EEnvironment(options: E2EOptions = {}): E2EEnvironment {
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let helper: HelperProcess | undefined;
  let id = '';
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not running (beforeAll failed?)`);
    return v;
  };

  beforeAll(async () => {
    sandbox = await startSandbox(options.sandbox);
    if (options.helper) helper = await startHelper();
    browser = await launchChromium(options.extensionDir === undefined ? {} : { extensionDir: options.extensionDir });
    if (options.extensionDir !== null) id = await extensionId(browser);
  });

  afterAll(async () => {
    // Each step runs even when an earlier one failed: nothing may outlive the file.
    const steps = [() => browser?.close(), () => helper?.stop(), () => sandbox?.close()];
    const errors: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length) throw errors[0];
  });

  return {
    get sandbox() {
      return need(sandbox, 'the sandbox');
    },
    get browser() {
      return need(browser, 'Chromium');
    },
    get extensionId() {
      return id;
    },
    get helper() {
      return helper;
    },
    async newPage() {
      const page = await need(browser, 'Chromium').newPage();
      // A missing element fails the step in seconds, naming it, rather than the whole test at its timeout.
      page.setDefaultTimeout(15_000);
      return page;
    },
  };
}
