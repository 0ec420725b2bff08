// "Open in e-Box": bring an open e-Box tab to the front, or open the e-Box.
import { browser } from 'wxt/browser';
import { appMatches } from '../ebox-adapter/origins.ts';

export const EBOX_APP_URL = 'https://app.eboxenterprise.be/';

export async function openEbox(sandbox: boolean): Promise<void> {
  const [tab] = await browser.tabs.query({ url: appMatches(sandbox) });
  if (tab?.id !== undefined) {
    await browser.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: EBOX_APP_URL });
}
