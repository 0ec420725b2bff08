// Calls `update` once per animation frame while the page's DOM changes (the app re-renders rows on paging,
// sorting, filters, language switch), ignoring changes made inside the overlay's own hosts.
// Not data-ebox-keeper: that one marks <html> as injected, and every element would look like ours.
export const HOST_ATTRIBUTE = 'data-ebox-keeper-ui';

function isOurs(node: Node): boolean {
  return node instanceof Element && node.hasAttribute(HOST_ATTRIBUTE);
}

export function watchDom(root: Node, update: () => void, signal: AbortSignal): void {
  let frame = 0;
  const schedule = () => {
    if (frame || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!signal.aborted) update();
    });
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const nodes = [...r.addedNodes, ...r.removedNodes];
      if (nodes.length && nodes.every(isOurs)) continue;
      if (r.target instanceof Element && r.target.closest(`[${HOST_ATTRIBUTE}]`)) continue;
      schedule();
      return;
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
  }, { once: true });
  update();
}
