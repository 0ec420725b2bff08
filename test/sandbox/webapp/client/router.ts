// In-app navigation with history.pushState: paging, filters, sorting and opening a message change the URL and
// re-render, never reload the page (the hard case for an overlay).
import { useEffect, useState } from 'preact/hooks';

export type SortKey = 'date' | 'sender' | 'subject' | 'expiry';

export interface InboxQuery {
  page: number;
  sender?: string;
  type?: string;
  registered: boolean;
  unread: boolean;
  hidden: boolean;
  /** The second provider's messages (the federation). */
  provider: boolean;
  q?: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

export type Route =
  | { name: 'login'; returnTo: string }
  | { name: 'callback' }
  | { name: 'inbox'; query: InboxQuery }
  | { name: 'message'; messageId: string };

const SORTS: readonly SortKey[] = ['date', 'sender', 'subject', 'expiry'];

export function parseInboxQuery(search: string): InboxQuery {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page') ?? '1');
  const sort = p.get('sort') as SortKey | null;
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    ...(p.get('sender') ? { sender: p.get('sender') as string } : {}),
    ...(p.get('type') ? { type: p.get('type') as string } : {}),
    registered: p.get('registered') === 'true',
    unread: p.get('unread') === 'true',
    hidden: p.get('folder') === 'hidden',
    provider: p.get('provider') === '2',
    ...(p.get('q') ? { q: p.get('q') as string } : {}),
    sort: sort && SORTS.includes(sort) ? sort : 'date',
    dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
  };
}

export function inboxHref(q: Partial<InboxQuery>): string {
  const p = new URLSearchParams();
  if (q.page && q.page > 1) p.set('page', String(q.page));
  if (q.sender) p.set('sender', q.sender);
  if (q.type) p.set('type', q.type);
  if (q.registered) p.set('registered', 'true');
  if (q.unread) p.set('unread', 'true');
  if (q.hidden) p.set('folder', 'hidden');
  if (q.provider) p.set('provider', '2');
  if (q.q) p.set('q', q.q);
  if (q.sort && q.sort !== 'date') p.set('sort', q.sort);
  if (q.dir === 'asc') p.set('dir', 'asc');
  const s = p.toString();
  return s ? `/inbox?${s}` : '/inbox';
}

/** Where routes live: the path (table, cards) or the hash (grid: `/#/messages/ID`); cards open a message without
 *  putting its id in the URL (`/reading`, the id kept in memory). */
let mode: 'path' | 'hash' = 'path';
let reading: string | undefined;

export function useHashRouting(): void {
  mode = 'hash';
}

/** Opens a message at `/reading`, its id in memory only (the cards markup). */
export function openReading(messageId: string): void {
  reading = messageId;
  navigate('/reading');
}

function location_(): { pathname: string; search: string } {
  if (mode === 'hash' && window.location.hash.startsWith('#/')) {
    const u = new URL(window.location.hash.slice(1), window.location.origin);
    return { pathname: u.pathname, search: u.search };
  }
  if (mode === 'hash' && window.location.pathname !== '/auth/callback' && window.location.pathname !== '/login') return { pathname: '/inbox', search: '' };
  return window.location;
}

/** The in-app path of the current route (the hash's, in hash routing). */
export function currentPath(): string {
  const l = location_();
  return l.pathname + l.search;
}

export function currentRoute(): Route {
  const { pathname, search } = location_();
  if (pathname === '/reading') return reading ? { name: 'message', messageId: reading } : { name: 'inbox', query: parseInboxQuery('') };
  if (pathname === '/auth/callback') return { name: 'callback' };
  if (pathname === '/login') return { name: 'login', returnTo: new URLSearchParams(search).get('return_to') ?? '/inbox' };
  const m = /^\/messages\/([^/]+)$/.exec(pathname);
  if (m) return { name: 'message', messageId: decodeURIComponent(m[1] as string) };
  return { name: 'inbox', query: parseInboxQuery(search) };
}

const listeners = new Set<() => void>();

export function navigate(path: string, replace = false): void {
  const href = mode === 'hash' && !path.startsWith('/login') && !path.startsWith('/auth/') ? `/#${path}` : path;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    listeners.add(update);
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

/** Same-origin links inside the app navigate in place; modified clicks, downloads and sign-in keep the
 *  browser's way. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin || a.pathname.startsWith('/auth/')) return;
    // Hash links (the grid markup's) are the browser's own navigation: hashchange re-renders.
    if (a.getAttribute('href')?.startsWith('#')) return;
    e.preventDefault();
    navigate(a.pathname + a.search);
  });
}
