// Opens the side panel from the popup's click (both browsers require a user gesture): Chrome's sidePanel for this
// window, Firefox's sidebar.
import { browser } from 'wxt/browser';

interface PanelApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

export async function openSidePanel(): Promise<void> {
  const apis = browser as unknown as PanelApis;
  if (apis.sidebarAction) return apis.sidebarAction.open();
  const window = await browser.windows.getCurrent();
  if (apis.sidePanel && window.id !== undefined) await apis.sidePanel.open({ windowId: window.id });
}
