// The inbox: folders and filters on the left, search, the message list (newest first, paged by the registry,
// sortable), paging. Every change is a pushState navigation that re-renders the list in place.
import { useEffect, useState } from 'preact/hooks';
import type { EboxMessage } from '../../../../shared/ebox/model.ts';
import { translate } from '../../../../shared/ebox/model.ts';
import type { WireMessageType, WireSenderOrganization } from '../../../../shared/ebox/wire.ts';
import { QERDS_MESSAGE_TYPE_ID } from '../../data/catalogue.ts';
import { useApp } from './app-context.ts';
import { EnvelopeIcon, PaperClipIcon } from './icons.tsx';
import { formatDay } from './i18n.ts';
import { inboxHref, navigate, type InboxQuery, type SortKey } from './router.ts';
import { SenderLogo } from './sender-logo.tsx';
import { CardList, GridList } from './skins.tsx';
import { useAsync } from './use-async.ts';

export const PAGE_SIZE = 25;
const SOON_MS = 7 * 86_400_000;

interface Row {
  message: EboxMessage;
  org?: WireSenderOrganization;
  type?: WireMessageType;
}

function hasAnnexes(m: EboxMessage): boolean {
  return m.documents.some((d) => !d.mainContent) || m.documents.length > 1;
}

function sortRows(rows: Row[], sort: SortKey, dir: 'asc' | 'desc', lang: 'fr' | 'nl' | 'de'): Row[] {
  const key = (r: Row): string | number => {
    switch (sort) {
      case 'date':
        return Date.parse(r.message.receiptDate);
      case 'expiry':
        return Date.parse(r.message.expirationDate);
      case 'sender':
        return translate(r.org?.organizationShortName, lang).toLowerCase();
      case 'subject':
        return translate(r.message.subject, lang).toLowerCase();
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang)) * sign;
  });
}

function Sidebar({ query, unreadCount }: { query: InboxQuery; unreadCount: number | undefined }) {
  const { client, config, lang, words } = useApp();
  const [orgs] = useAsync(() => client.allSenderOrganizations(), []);
  const [types] = useAsync(() => client.allMessageTypes(), []);
  const base: Partial<InboxQuery> = { q: query.q, sort: query.sort, dir: query.dir };
  const folder = query.provider ? 'provider' : query.hidden ? 'hidden' : query.unread ? 'unread' : query.registered ? 'registered' : 'inbox';
  const folders = [
    { id: 'inbox', label: words.inbox, href: inboxHref(base), count: unreadCount },
    { id: 'unread', label: words.unread, href: inboxHref({ ...base, unread: true }) },
    { id: 'registered', label: words.registered, href: inboxHref({ ...base, registered: true }) },
    { id: 'hidden', label: words.hidden, href: inboxHref({ ...base, hidden: true }) },
    ...(config.secondProvider ? [{ id: 'provider', label: words.otherProvider, href: inboxHref({ provider: true }) }] : []),
  ];
  const change = (patch: Partial<InboxQuery>) => navigate(inboxHref({ ...query, ...patch, page: 1 }));
  return (
    <aside class="sidebar">
      <nav class="folders" aria-label={words.inbox}>
        <ul>
          {folders.map((f) => (
            <li>
              <a href={f.href} class="folder" data-folder={f.id} aria-current={folder === f.id ? 'page' : undefined}>
                <span>{f.label}</span>
                {f.count ? <span class="badge" data-unread-count={f.count}>{f.count}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form class="filters" data-filters onSubmit={(e) => e.preventDefault()}>
        <h2>{words.filters}</h2>
        <label>
          {words.sender}
          <select name="sender" value={query.sender ?? ''} onChange={(e) => change({ sender: (e.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">{words.anySender}</option>
            {orgs.state === 'done' &&
              orgs.value.map((o) => <option value={o.organizationId}>{translate(o.organizationShortName, lang)}</option>)}
          </select>
        </label>
        <label>
          {words.type}
          <select name="type" value={query.type ?? ''} onChange={(e) => change({ type: (e.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">{words.anyType}</option>
            {types.state === 'done' && types.value.map((t) => <option value={t.messageTypeId}>{translate(t.messageTypeName, lang)}</option>)}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="registered" checked={query.registered} onChange={(e) => change({ registered: (e.currentTarget as HTMLInputElement).checked })} />
          {words.onlyRegistered}
        </label>
        <label class="check">
          <input type="checkbox" name="unread" checked={query.unread} onChange={(e) => change({ unread: (e.currentTarget as HTMLInputElement).checked })} />
          {words.onlyUnread}
        </label>
        {(query.sender || query.type || query.registered || query.unread || query.q) && (
          <a class="clear-filters" href={inboxHref({ hidden: query.hidden })}>
            {words.clearFilters}
          </a>
        )}
      </form>
    </aside>
  );
}

function SearchBar({ query }: { query: InboxQuery }) {
  const { words } = useApp();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(inboxHref({ ...query, q: text.trim() || undefined, page: 1 }));
      }}
    >
      <input type="search" name="q" value={text} placeholder={words.search} aria-label={words.search} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">{words.searchButton}</button>
    </form>
  );
}

function SortHeader({ query, sort, label, className }: { query: InboxQuery; sort: SortKey; label: string; className: string }) {
  const active = query.sort === sort;
  const nextDir = active && query.dir === 'desc' ? 'asc' : 'desc';
  return (
    <th class={className} scope="col" aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <a class="sort" data-sort={sort} href={inboxHref({ ...query, sort, dir: nextDir })}>
        {label}
        <span class="sort-arrow" aria-hidden="true">{active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </a>
    </th>
  );
}

function MessageRow({ row, now }: { row: Row; now: number }) {
  const { lang, words } = useApp();
  const m = row.message;
  const expiresIn = Date.parse(m.expirationDate) - now;
  const qualified = m.messageTypeId === QERDS_MESSAGE_TYPE_ID;
  const annexes = hasAnnexes(m);
  return (
    <tr
      class={`message-row${m.read ? '' : ' unread'}`}
      data-message-id={m.messageId}
      data-read={String(m.read)}
      data-registered={String(m.registeredMail)}
      data-message-type-id={m.messageTypeId}
      data-sender-organization-id={m.senderOrganizationId}
      onClick={(e) => {
        if (!(e.target as Element).closest('a')) navigate(`/messages/${encodeURIComponent(m.messageId)}`);
      }}
    >
      <td class="sender">
        <SenderLogo org={row.org} />
        <span class="sender-name">{translate(row.org?.organizationShortName, lang) || m.senderOrganizationId}</span>
      </td>
      <td class="subject">
        <a href={`/messages/${encodeURIComponent(m.messageId)}`} class="subject-link">
          {translate(m.subject, lang)}
        </a>
        <span class="message-type">{translate(row.type?.messageTypeName, lang)}</span>
      </td>
      <td class="flags">
        {m.registeredMail && (
          <span class={`icon-registered${qualified ? ' qualified' : ''}`} title={qualified ? words.qualifiedRegistered : words.registeredMail} aria-label={words.registeredMail}>
            <EnvelopeIcon />
          </span>
        )}
        {annexes && (
          <span class="icon-attachment" data-attachments={m.documents.length} title={`${words.attachments}: ${m.documents.length}`} aria-label={words.attachments}>
            <PaperClipIcon />
          </span>
        )}
      </td>
      <td class="received">
        <time datetime={m.receiptDate}>{formatDay(m.receiptDate, lang)}</time>
      </td>
      <td class={`expiry${expiresIn < SOON_MS ? ' expiry-soon' : ''}`}>
        <time datetime={m.expirationDate}>{formatDay(m.expirationDate, lang)}</time>
        {expiresIn < SOON_MS && <span class="expiry-badge">{words.expiresSoon}</span>}
      </td>
    </tr>
  );
}

function Pagination({ query, total }: { query: InboxQuery; total: number }) {
  const { words } = useApp();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const nums = [...new Set([1, query.page - 1, query.page, query.page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={words.page} data-page={query.page} data-pages={pages}>
      {query.page > 1 ? (
        <a rel="prev" href={inboxHref({ ...query, page: query.page - 1 })}>
          ‹ {words.previous}
        </a>
      ) : (
        <span class="disabled">‹ {words.previous}</span>
      )}
      {nums.map((n, i) => (
        <>
          {i > 0 && n - (nums[i - 1] as number) > 1 && <span class="gap">…</span>}
          <a data-page-number={n} href={inboxHref({ ...query, page: n })} aria-current={n === query.page ? 'page' : undefined}>
            {n}
          </a>
        </>
      ))}
      {query.page < pages ? (
        <a rel="next" href={inboxHref({ ...query, page: query.page + 1 })}>
          {words.next} ›
        </a>
      ) : (
        <span class="disabled">{words.next} ›</span>
      )}
    </nav>
  );
}

export function InboxPage({ query }: { query: InboxQuery }) {
  const { client: main, providerClient, config, lang, words } = useApp();
  // The second provider's folder reads that provider's registry, as the real app calls each provider.
  const client = query.provider && providerClient ? providerClient : main;
  const [summary] = useAsync(() => client.summary(), [query]);
  const [result, retry] = useAsync(async () => {
    const page = await client.list({
      page: query.page,
      pageSize: PAGE_SIZE,
      visible: !query.hidden,
      ...(query.sender ? { senderOrganizationId: query.sender } : {}),
      ...(query.type ? { messageTypeId: query.type } : {}),
      ...(query.registered ? { registeredMail: true } : {}),
      ...(query.unread ? { readStatus: false } : {}),
      ...(query.q ? { q: query.q } : {}),
      qlang: lang,
    });
    // The reference data of what is shown, looked up per id (cached), as the real app does.
    const rows = await Promise.all(
      page.messages.map(async (message): Promise<Row> => {
        const [org, type] = await Promise.all([
          client.senderOrganization(message.senderOrganizationId).catch(() => undefined),
          client.messageType(message.messageTypeId).catch(() => undefined),
          message.senderApplicationId ? client.senderApplication(message.senderApplicationId).catch(() => undefined) : undefined,
        ]);
        return { message, ...(org ? { org } : {}), ...(type ? { type } : {}) };
      }),
    );
    return { rows, totalItems: page.totalItems, href: inboxHref(query) };
  }, [inboxHref(query), lang]);

  const data = result.state === 'done' ? result.value : result.state === 'loading' ? result.previous : undefined;
  const now = Date.now();
  return (
    <div class="workspace">
      <Sidebar query={query} unreadCount={summary.state === 'done' ? summary.value.numberOfUnreadMessages : undefined} />
      <main class="inbox" id="inbox" aria-busy={result.state === 'loading'}>
        <div class="inbox-toolbar">
          <h1>{query.hidden ? words.hidden : words.inbox}</h1>
          <SearchBar query={query} />
        </div>
        {result.state === 'error' ? (
          <div class="error" role="alert">
            {words.error}: {result.error.message}{' '}
            <button type="button" onClick={retry}>
              {words.retry}
            </button>
          </div>
        ) : !data ? (
          <p class="loading">{words.loading}</p>
        ) : (
          <>
            <p class="result-count" data-total-items={data.totalItems}>
              {words.messagesCount(data.totalItems)}
            </p>
            {config.skin === 'grid' ? (
              <GridList rows={sortRows(data.rows, query.sort, query.dir, lang)} totalItems={data.totalItems} busy={result.state === 'loading'} />
            ) : config.skin === 'cards' ? (
              <CardList rows={sortRows(data.rows, query.sort, query.dir, lang)} busy={result.state === 'loading'} />
            ) : (
              <table class="message-list" data-total-items={data.totalItems} data-page={query.page} data-query={data.href}>
                <thead>
                  <tr>
                    <SortHeader query={query} sort="sender" label={words.sender} className="sender" />
                    <SortHeader query={query} sort="subject" label={words.subject} className="subject" />
                    <th class="flags" scope="col">
                      <span class="visually-hidden">{words.attachments}</span>
                    </th>
                    <SortHeader query={query} sort="date" label={words.received} className="received" />
                    <SortHeader query={query} sort="expiry" label={words.expires} className="expiry" />
                  </tr>
                </thead>
                <tbody>
                  {sortRows(data.rows, query.sort, query.dir, lang).map((row) => (
                    <MessageRow key={row.message.messageId} row={row} now={now} />
                  ))}
                </tbody>
              </table>
            )}
            {data.rows.length === 0 && <p class="empty">{words.noMessages}</p>}
            <Pagination query={query} total={data.totalItems} />
          </>
        )}
      </main>
    </div>
  );
}
