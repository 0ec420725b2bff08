// The archive page: search as you type, filters, sorting, a virtualised list, the message with its documents,
// the dashboard, and export / import / wipe of the whole archive.
import { Dexie } from 'dexie';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { sharedArchiveDb } from '@/src/archive/db';
import { exportArchive } from '@/src/archive/export-archive';
import { importArchive } from '@/src/archive/import-archive';
import { readableOn } from '@/src/ui/filing-chips';
import { currentIntlLocale, currentLanguage, t } from '@/src/i18n/i18n';
import { callWorker } from '@/src/messaging/client';
import { search, type SearchQuery, type SortKey } from '@/src/search/search-index';
import { Dashboard } from './Dashboard';
import { RulesPanel } from './RulesPanel';
import { MessageDetail } from './MessageDetail';
import { loadArchive, saveBlob, withDescendants, type ArchiveData } from './archive-data';
import { VirtualList } from './VirtualList';
import { zipSelection } from './zip-selection';
import { BundleDialog } from './BundleDialog';
import { selectionWords } from '@/src/bundles/selection-words';

type Tri = '' | 'yes' | 'no';

interface Filters {
  text: string;
  sender: string;
  type: string;
  label: string;
  tag: string;
  registered: Tri;
  archived: Tri;
  receivedFrom: string;
  receivedTo: string;
  expiresFrom: string;
  expiresTo: string;
  sort: SortKey;
  descending: boolean;
}

const EMPTY: Filters = { text: '', sender: '', type: '', label: '', tag: '', registered: '', archived: '', receivedFrom: '', receivedTo: '', expiresFrom: '', expiresTo: '', sort: 'receipt', descending: true };
const day = (s: string, end = false) => (s ? Date.parse(`${s}T${end ? '23:59:59.999' : '00:00:00'}`) : undefined);
const tri = (v: Tri) => (v === '' ? undefined : v === 'yes');

function toQuery(f: Filters, data: ArchiveData): SearchQuery {
  const q: SearchQuery = { text: f.text, sort: f.sort, descending: f.descending };
  if (f.sender) q.senders = new Set([f.sender]);
  if (f.type) q.types = new Set([f.type]);
  if (f.label) q.labels = withDescendants(data.labels, f.label);
  if (f.tag) q.tag = f.tag;
  const r = tri(f.registered), a = tri(f.archived);
  if (r !== undefined) q.registered = r;
  if (a !== undefined) q.archived = a;
  const [rf, rt, ef, et] = [day(f.receivedFrom), day(f.receivedTo, true), day(f.expiresFrom), day(f.expiresTo, true)];
  if (rf !== undefined) q.receivedFrom = rf;
  if (rt !== undefined) q.receivedTo = rt;
  if (ef !== undefined) q.expiresFrom = ef;
  if (et !== undefined) q.expiresTo = et;
  return q;
}

export function ArchiveApp() {
  const db = sharedArchiveDb();
  const lang = currentLanguage();
  const locale = currentIntlLocale();
  const [data, setData] = useState<ArchiveData | undefined>();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [openId, setOpenId] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<'list' | 'dashboard' | 'rules'>('list');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | undefined>();
  const [searchMs, setSearchMs] = useState(0);
  const [bundleOpen, setBundleOpen] = useState(false);

  const reload = () =>
    loadArchive(db, lang).then(
      (d) => {
        setData(d);
        return d.loadMs;
      },
      (e: unknown) => (setNotice({ kind: 'error', text: String(e) }), 0),
    );
  useEffect(() => {
    let lastLoadMs = 0;
    void reload().then((ms) => (lastLoadMs = ms));
    // Archiving in the service worker or another tab changes the archive: reload while visible, spaced by at
    // least ten times what a load costs, so an open archive page never slows a running bulk archive much.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMutated = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((p) => p.startsWith(`idb://${db.name}/`)) || timer) return;
      const later = () => {
        timer = undefined;
        if (document.visibilityState !== 'visible') return void (timer = setTimeout(later, 3000));
        void reload().then((ms) => (lastLoadMs = ms));
      };
      timer = setTimeout(later, Math.max(3000, lastLoadMs * 10));
    };
    Dexie.on('storagemutated', onMutated);
    return () => Dexie.on('storagemutated').unsubscribe(onMutated);
  }, []);

  const results = useMemo(() => {
    if (!data) return new Int32Array();
    const started = performance.now();
    const r = search(data.index, toQuery(filters, data));
    setSearchMs(performance.now() - started);
    return r;
  }, [data, filters]);

  // Everything derived from the whole archive is computed once per load, never per keystroke.
  const derived = useMemo(() => {
    if (!data) return undefined;
    const senders = new Map<string, string>();
    const typeNames = new Map<string, string>();
    const tags = new Set<string>();
    const byId = new Map<string, (typeof data.records)[number]>();
    for (const r of data.records) {
      byId.set(r.messageId, r);
      for (const tag of r.tags) tags.add(tag);
      if (!typeNames.get(r.messageTypeId) || typeNames.get(r.messageTypeId) === r.messageTypeId) typeNames.set(r.messageTypeId, r.names.messageType?.[lang] ?? r.messageTypeId);
    }
    for (const d of data.index.docs) if (!senders.has(d.senderOrganizationId)) senders.set(d.senderOrganizationId, d.sender);
    return {
      senders: [...senders.entries()].sort((a, b) => a[1].localeCompare(b[1])),
      types: [...typeNames.keys()].sort(),
      typeNames,
      tags: [...tags].sort(),
      byId,
    };
  }, [data]);

  if (!data || !derived) return <main class="loading">{t('archive_loading')}</main>;
  const docs = data.index.docs;
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const { senders, types, tags, byId } = derived;
  const typeName = (id: string) => derived.typeNames.get(id) ?? id;
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'Europe/Brussels' });

  const run = async (what: string, action: () => Promise<string>) => {
    setNotice({ kind: 'busy', text: `${what}…` });
    try {
      setNotice({ kind: 'ok', text: await action() });
    } catch (e) {
      setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="archive-page">
      <header class="topbar">
        <h1>{t('archive_title')}</h1>
        <input class="search" type="search" name="q" placeholder={t('archive_search')} value={filters.text} onInput={(e) => set({ text: e.currentTarget.value })} autoFocus />
        <nav class="tabs">
          <button type="button" aria-pressed={tab === 'list'} onClick={() => setTab('list')}>
            {t('archive_results', docs.length)}
          </button>
          <button type="button" aria-pressed={tab === 'dashboard'} onClick={() => setTab('dashboard')} data-action="dashboard">
            {t('archive_dashboard')}
          </button>
          <button type="button" aria-pressed={tab === 'rules'} onClick={() => setTab('rules')} data-action="rules-tab">
            {t('archive_rules')}
          </button>
        </nav>
        <div class="actions">
          <button type="button" data-action="export" onClick={() => void run(t('archive_export'), async () => {
            const { blob, manifest } = await exportArchive(db);
            saveBlob(blob, `ebox-keeper-archive-${manifest.exportedAt.slice(0, 10)}.zip`);
            return t('archive_exportDone', manifest.messages, manifest.documents);
          })}>
            {t('archive_export')}
          </button>
          <label class="button">
            {t('archive_import')}
            <input type="file" accept=".zip,application/zip" name="import" hidden onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void run(t('archive_import'), async () => {
                try {
                  const r = await importArchive(db, file);
                  await reload();
                  return t('archive_importDone', r.newMessages, r.updatedMessages, r.newDocuments, r.presentDocuments);
                } catch (err) {
                  throw new Error(t('archive_importFailed', err instanceof Error ? err.message : String(err)));
                }
              });
            }} />
          </label>
          <button type="button" data-action="rules" onClick={() => void run(t('archive_rulesRun'), async () => {
            const r = await callWorker('rules.run');
            await reload();
            return t('archive_rulesDone', r.filed, r.toArchive.length);
          })}>
            {t('archive_rulesRun')}
          </button>
          <button type="button" class="danger" data-action="wipe" onClick={() => {
            if (!confirm(t('archive_wipeConfirm'))) return;
            void run(t('archive_wipe'), async () => {
              await db.transaction('rw', [db.messages, db.documents, db.labels, db.rules, db.names, db.jobs], () => Promise.all([db.messages.clear(), db.documents.clear(), db.labels.clear(), db.rules.clear(), db.names.clear(), db.jobs.clear()]));
              setOpenId(undefined);
              setSelected(new Set());
              await reload();
              return t('archive_wipe');
            });
          }}>
            {t('archive_wipe')}
          </button>
        </div>
      </header>
      {notice && <p class={`notice ${notice.kind}`} role="status" data-part="notice">{notice.text}</p>}
      {tab === 'dashboard' ? (
        <Dashboard docs={docs} locale={locale} />
      ) : tab === 'rules' ? (
        <RulesPanel data={data} senders={senders} types={types.map((id) => [id, typeName(id)])} onLabelsChange={() => void reload()} />
      ) : (
        <div class="columns">
          <aside class="filters" data-part="filters">
            <label>{t('archive_sender')}<select name="sender" value={filters.sender} onChange={(e) => set({ sender: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{senders.map(([id, name]) => <option value={id}>{name}</option>)}</select></label>
            <label>{t('archive_type')}<select name="type" value={filters.type} onChange={(e) => set({ type: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{types.map((id) => <option value={id}>{typeName(id)}</option>)}</select></label>
            <label>{t('archive_label')}<select name="label" value={filters.label} onChange={(e) => set({ label: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{[...data.paths.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([id, path]) => <option value={id}>{path}</option>)}</select></label>
            <label>{t('archive_tag')}<select name="tag" value={filters.tag} onChange={(e) => set({ tag: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{tags.map((tag) => <option value={tag}>{tag}</option>)}</select></label>
            <label>{t('archive_registered')}<select name="registered" value={filters.registered} onChange={(e) => set({ registered: e.currentTarget.value as Tri })}><option value="">{t('archive_any')}</option><option value="yes">{t('archive_yes')}</option><option value="no">{t('archive_no')}</option></select></label>
            <label>{t('archive_status')}<select name="archived" value={filters.archived} onChange={(e) => set({ archived: e.currentTarget.value as Tri })}><option value="">{t('archive_any')}</option><option value="yes">{t('archive_statusArchived')}</option><option value="no">{t('archive_statusSeen')}</option></select></label>
            <label>{t('archive_receivedFrom')}<input type="date" name="receivedFrom" value={filters.receivedFrom} onInput={(e) => set({ receivedFrom: e.currentTarget.value })} /></label>
            <label>{t('archive_receivedTo')}<input type="date" name="receivedTo" value={filters.receivedTo} onInput={(e) => set({ receivedTo: e.currentTarget.value })} /></label>
            <label>{t('archive_expiresFrom')}<input type="date" name="expiresFrom" value={filters.expiresFrom} onInput={(e) => set({ expiresFrom: e.currentTarget.value })} /></label>
            <label>{t('archive_expiresTo')}<input type="date" name="expiresTo" value={filters.expiresTo} onInput={(e) => set({ expiresTo: e.currentTarget.value })} /></label>
            <label>{t('archive_sort')}
              <select name="sort" value={`${filters.sort}:${filters.descending ? 'desc' : 'asc'}`} onChange={(e) => {
                const [sort, dir] = e.currentTarget.value.split(':') as [SortKey, string];
                set({ sort, descending: dir === 'desc' });
              }}>
                {(['receipt', 'expiry', 'subject', 'sender'] as const).flatMap((k) => {
                  const name = t(k === 'receipt' ? 'archive_sortReceived' : k === 'expiry' ? 'archive_sortExpiry' : k === 'subject' ? 'archive_sortSubject' : 'archive_sortSender');
                  return [<option value={`${k}:asc`}>{name} ↑</option>, <option value={`${k}:desc`}>{name} ↓</option>];
                })}
              </select>
            </label>
          </aside>
          <section class="results">
            <div class="results-head">
              <span data-part="result-count" data-count={results.length}>{t('archive_results', results.length)}</span>
              <span class="muted" data-search-ms={searchMs.toFixed(2)}>{searchMs.toFixed(1)} ms</span>
              <button type="button" data-action="zip" disabled={!selected.size} onClick={() => void run(t('archive_downloadZip', selected.size), async () => {
                const blob = await zipSelection(db, [...selected], data);
                saveBlob(blob, `ebox-keeper-selection-${new Date().toISOString().slice(0, 10)}.zip`);
                return t('archive_downloadZip', selected.size);
              })}>
                {t('archive_downloadZip', selected.size)}
              </button>
              <button type="button" data-action="bundle" onClick={() => setBundleOpen(true)}>
                {t('bundles.export')}
              </button>
            </div>
            {results.length === 0 ? (
              <p class="empty">{t('archive_noResults')}</p>
            ) : (
              <VirtualList count={results.length} rowHeight={58} renderRow={(i) => {
                const d = docs[results[i]!]!;
                const r = byId.get(d.messageId)!;
                return (
                  <div class={`result${openId === d.messageId ? ' open' : ''}`} data-message-id={d.messageId} onClick={() => setOpenId(d.messageId)}>
                    <input type="checkbox" aria-label={t('archive_select')} checked={selected.has(d.messageId)} onClick={(e) => e.stopPropagation()} onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(d.messageId);
                      else next.delete(d.messageId);
                      setSelected(next);
                    }} />
                    <div class="main">
                      <div class="subject">{d.registered && <span class="reg">✉ </span>}{d.subject}</div>
                      <div class="meta">
                        <span class="sender">{d.sender}</span>
                        {r.labels.map((id) => {
                          const l = data.labels.find((x) => x.id === id);
                          return l && <span class="chip" style={{ background: l.color, color: readableOn(l.color) }}>{data.paths.get(id)}</span>;
                        })}
                        {r.tags.map((tag) => <span class="chip tag">#{tag}</span>)}
                        {r.integrity === 'mismatch' && <span class="chip warn">⚠ SHA-256</span>}
                      </div>
                    </div>
                    <div class="dates">
                      <span title={t('archive_received')}>{dateFmt.format(d.receiptMs)}</span>
                      <span title={t('archive_expires')} class="muted">→ {dateFmt.format(d.expiryMs)}</span>
                    </div>
                    <span class={`state ${d.archived ? 'ok' : ''}`}>{d.archived ? '✓' : '○'}</span>
                  </div>
                );
              }} />
            )}
          </section>
          {openId && byId.get(openId) && <MessageDetail key={openId} record={byId.get(openId)!} onClose={() => setOpenId(undefined)} />}
        </div>
      )}
      {bundleOpen && (() => {
        // The current selection, or when nothing is selected everything the filter shows.
        const ids = selected.size > 0 ? [...selected] : Array.from(results, (i) => docs[i]!.messageId);
        const wanted = new Set(ids);
        const bytes = docs.reduce((n, d) => (wanted.has(d.messageId) ? n + d.bytes : n), 0);
        const selection = selected.size > 0
          ? selectionWords(ids.length, { selected: true })
          : selectionWords(ids.length, {
              filter: {
                text: filters.text,
                sender: filters.sender && (senders.find(([id]) => id === filters.sender)?.[1] ?? filters.sender),
                type: filters.type && typeName(filters.type),
                label: filters.label && data.paths.get(filters.label),
                tag: filters.tag,
                ...(tri(filters.registered) !== undefined ? { registered: tri(filters.registered) } : {}),
                ...(tri(filters.archived) !== undefined ? { archived: tri(filters.archived) } : {}),
                receivedFrom: filters.receivedFrom,
                receivedTo: filters.receivedTo,
                expiresFrom: filters.expiresFrom,
                expiresTo: filters.expiresTo,
              },
            });
        return <BundleDialog messageIds={ids} bytes={bytes} mode={selected.size > 0 ? 'selected' : 'filter'} selection={selection} locale={locale} onClose={() => setBundleOpen(false)} />;
      })()}
    </div>
  );
}
