// Pairing the extension under test with a helper: through the options page's form as a user does, or directly
// with the helper's pairing route (what that form does), keeping the pairing where the extension keeps it.
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { evaluateInWorker } from './extension.ts';

export interface PairableHelper {
  /** The helper's origin, http://127.0.0.1:<port>. */
  url: string;
  pairingCode?: string | undefined;
}

/** Types the helper's port and one-time code into an open options page and waits until it shows the pairing. */
export async function pairThroughOptions(options: Page, helper: PairableHelper): Promise<void> {
  await options.waitForSelector('#pair-code');
  await options.click('#helper-port', { count: 3 });
  await options.type('#helper-port', new URL(helper.url).port);
  await options.type('#pair-code', helper.pairingCode!);
  await options.click('#pair-code ~ button');
  await options.waitForSelector('[data-field="pairing"]');
}

/** Pairs as the options page would and stores the pairing in the extension; resolves to the pairing secret. */
export async function pairExtension(browser: Browser, extensionId: string, helper: PairableHelper): Promise<string> {
  const paired = await fetch(`${helper.url}/v1/pairing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `chrome-extension://${extensionId}` },
    body: JSON.stringify({ code: helper.pairingCode, extensionId }),
  });
  expect(paired.status).toBe(201);
  const pairing = (await paired.json()) as { secret: string };
  await evaluateInWorker(browser, (connection) => chrome.storage.local.set({ helperConnection: connection }), { port: Number(new URL(helper.url).port), pairing });
  return pairing.secret;
}
