// A light shadow-root host for the many small decorations (one per inbox row): synchronous and without the CSS
// fetch of WXT's createShadowRootUi, which the single panels use. Clicks inside never reach the app's row handler.
import overlayCss from './overlay.css?inline';
import { HOST_ATTRIBUTE } from './dom-watch.ts';

const STOPPED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'change'];

export function createShadowHost(tag: string, feature: string): { host: HTMLElement; root: ShadowRoot; mount: HTMLElement } {
  const host = document.createElement(tag);
  host.setAttribute(HOST_ATTRIBUTE, feature);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = overlayCss;
  const mount = document.createElement('span');
  root.append(style, mount);
  for (const type of STOPPED) host.addEventListener(type, (e) => e.stopPropagation());
  return { host, root, mount };
}

export { overlayCss };
