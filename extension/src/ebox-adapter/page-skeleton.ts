// The structure of an e-Box page for a diagnostics report: element names, classes and roles, through open shadow
// roots, and nothing else: no text, no attribute values (ids, hrefs and data-* may hold message ids or names), no
// class that looks like data. With it, real-page selectors can be added to selectors.ts without seeing the page.
import { matchesSelector } from './selectors.ts';

const MAX_NODES = 4000;
/** Class names that carry data (long digit runs, uuids) are left out. */
const DATA_LIKE = /\d{4,}|[0-9a-f]{8}-[0-9a-f]{4}/i;

export function pageSkeleton(root: Document | Element): string {
  const lines: string[] = [];
  let count = 0;
  const walk = (node: Element | ShadowRoot, depth: number) => {
    for (const el of node.children) {
      if (++count > MAX_NODES) return;
      if (el.localName === 'script' || el.localName === 'style' || el.hasAttribute('data-ebox-keeper-ui')) continue;
      const classes = [...el.classList].filter((c) => !DATA_LIKE.test(c)).map((c) => `.${c}`).join('');
      const role = el.getAttribute('role');
      const attrs = [...el.attributes].map((a) => a.name).filter((n) => n !== 'class' && n !== 'role' && n !== 'style').sort();
      const marks = [role ? `[role=${role}]` : '', attrs.length ? ` {${attrs.join(' ')}}` : '', matchesSelector(el, 'interactive') ? ' *' : ''].join('');
      lines.push(`${'  '.repeat(depth)}${el.localName}${classes}${marks}`);
      if (el.shadowRoot) {
        lines.push(`${'  '.repeat(depth + 1)}#shadow-root`);
        walk(el.shadowRoot, depth + 2);
      }
      walk(el, depth + 1);
    }
  };
  walk('documentElement' in root ? root.documentElement : root, 0);
  if (count > MAX_NODES) lines.push(`… (${MAX_NODES} elements shown)`);
  return lines.join('\n');
}
