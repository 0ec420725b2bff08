// Paints the toolbar badge. Chrome forgets nothing between service-worker restarts, but a browser restart resets
// the badge, which is why the service worker repaints it on every start.
import { browser } from 'wxt/browser';
import type { BadgeState } from './toolbar-badge.ts';

export async function paintBadge(state: BadgeState, title: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: state.text }),
    browser.action.setBadgeBackgroundColor({ color: state.color }),
    browser.action.setBadgeTextColor({ color: '#FFFFFF' }),
    browser.action.setTitle({ title }),
  ]);
}
