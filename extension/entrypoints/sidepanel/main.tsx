// The side panel follows the active tab of its window; opened with ?tabId=N (a panel bound to one e-Box tab, as the
// end-to-end tests open it in a tab of its own) it stays on that tab.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { currentLanguage, initI18n } from '@/src/i18n/i18n';
import { SidePanel } from './SidePanel';
import '@/src/overlay/overlay.css';
import './style.css';

const root = document.getElementById('app')!;
const bound = Number(new URLSearchParams(location.search).get('tabId'));
let tabId: number | undefined = Number.isInteger(bound) && bound > 0 ? bound : undefined;

function draw() {
  document.documentElement.lang = currentLanguage();
  // Keyed by language and tab: a switch remounts everything, so every text and fact is read again.
  render(<SidePanel key={`${currentLanguage()}:${tabId ?? ''}`} tabId={tabId} />, root);
}

async function followActiveTab() {
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  if (active?.id !== tabId) {
    tabId = active?.id;
    draw();
  }
}

await initI18n(draw);
if (tabId === undefined) {
  browser.tabs.onActivated.addListener(() => void followActiveTab());
  browser.windows.onFocusChanged.addListener(() => void followActiveTab());
  await followActiveTab();
}
draw();
