// The archive page, one company at a time (the one whose e-Box is open, unless the user chooses another or all):
// search as you type, filters, sorting, a virtualised list, the message with its documents, the dashboard, rules,
// export / import. The first screen comes from a small indexed read; the company's saved search index follows,
// then the other companies' in the background.
import { Dexie } from 'dexie';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sharedArchiveDb } from '@/src/archive/db';
import { exportArchive } from '@/src/archive/export-archive';
import { importArchive } from '@/src/archive/import-archive';
import { ALL_COMPANIES } from '@/src/archive/company-scope';
import { assignCompany } from '@/src/archive/companies';
import { CompanySwitcher, companyLabel } from '@/src/archive/company-switcher';
import { defaultCompany } from '@/src/archive/default-company';
import { rememberedCompany } from '@/src/archive/ebox-company';
import { brusselsDayBound, parseDay } from '@/src/archive/day-input';
import { labelsOf } from '@/src/archive/labels';
import { readableOn } from '@/src/ui/filing-chips';
import { currentIntlLocale, currentLanguage, t, tn } from '@/src/i18n/i18n';
import { callWorker } from '@/src/messaging/client';
import { search, type SearchQuery, type SortKey } from '@/src/search/search-index';
import type { SearchDoc } from '@/src/search/search-doc';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import { translate } from '../../../shared/ebox/model.ts';
import { Dashboard } from './Dashboard';
import { RulesPanel } from './RulesPanel';
import { MessageDetail } from './MessageDetail';
import { loadFirstScreen, loadMeta, loadScope, saveBlob, scopeWithKept, withDescendants, type ArchiveMeta, type FirstScreen, type ScopeData } from './archive-data';
import { VirtualList } from './VirtualList';
import { zipSelection } from './zip-selection';
import { BundleDialog } from './BundleDialog';
import { KeptDetail } from './KeptDetail';
import { askKeptMessages } from '@/src/helper-kept/kept-api';
import { withKeptCompanies } from '@/src/helper-kept/kept-archive';
import type { KeptMessage } from '@/src/helper-kept/kept-rows';
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
const tri = (v: Tri) => (v === '' ? undefined : v === 'yes');
const dayBound = (s: string, end = false) => {
  const d = s ? parseDay(s) : undefined;
  return d ? brusselsDayBound(d, end) : undefined;
};
const isFiltered = (f: Filters) => (Object.keys(EMPTY) as (keyof Filters)[]).some((k) => f[k] !== EMPTY[k]);

function toQuery(f: Filters, labels: ArchiveMeta['labels'], company: string): SearchQuery {
  const q: SearchQuery = { text: f.text, sort: f.sort, descending: f.descending, company };
  if (f.sender) q.senders = new Set([f.sender]);
  if (f.type) q.types = new Set([f.type]);
  if (f.label) q.labels = withDescendants(labels, f.label);
  if (f.tag) q.tag = f.tag;
  const r = tri(f.registered), a = tri(f.archived);
  if (r !== undefined) q.registered = r;
  if (a !== undefined) q.archived = a;
  const [rf, rt, ef, et] = [dayBound(f.receivedFrom), dayBound(f.receivedTo, true), dayBound(f.expiresFrom), dayBound(f.expiresTo, true)];
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
  const [browserMeta, setMeta] = useState<ArchiveMeta | undefined>();
  const [company, setCompany] = useState<string | undefined>();
  const [openCbe, setOpenCbe] = useState<string | undefined>();
  const [first, setFirst] = useState<FirstScreen | undefined>();
  const [scopes, setScopes] = useState<ReadonlyMap<string, ScopeData>>(new Map());
  // The paired helper's own sync keeps mail too: its messages join the list, marked, under their company.
  const [kept, setKept] = useState<KeptMessage[] | null>(null);
  const meta = useMemo(() => (browserMeta && kept?.length ? { ...browserMeta, companies: withKeptCompanies(browserMeta.companies, kept) } : browserMeta), [browserMeta, kept]);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [openId, setOpenId] = useState<string | undefined>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<'list' | 'dashboard' | 'rules'>('list');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | undefined>();
  const [bundleOpen, setBundleOpen] = useState(false);
  const [assignTo, setAssignTo] = useState('');

  const scope = company === undefined ? undefined : scopes.get(company);
  const withKept = useMemo(() => (scope && browserMeta && kept?.length ? scopeWithKept(scope, kept, browserMeta, lang) : undefined), [scope, browserMeta, kept]);
  const data = withKept?.data ?? scope;
  const keptIn = withKept?.keptIn;
  const companyRef = useRef<string | undefined>();
  const loading = useRef(new Map<string, Promise<ScopeData>>());
  /** Bumped by each reload: an index loaded before it is out of date and dropped. */
  const generation = useRef(0);

  const fail = (e: unknown) => setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
  const ensureScope = (scope: string, m: ArchiveMeta): Promise<ScopeData> => {
    let p = loading.current.get(scope);
    if (!p) {
      const gen = generation.current;
      p = loadScope(db, scope, lang, m);
      loading.current.set(scope, p);
      p.then(
        (d) => void (gen === generation.current && setScopes((prev) => new Map(prev).set(scope, d))),
        (e) => void (loading.current.delete(scope), fail(e)),
      );
    }
    return p;
  };
  /** The other companies' indexes, one after the other, so switching company needs no read. */
  const warmOthers = async (m: ArchiveMeta, current: string) => {
    const gen = generation.current;
    for (const c of m.companies) {
      if (c.key === current) continue;
      await new Promise((r) => setTimeout(r, 50));
      if (gen !== generation.current) return;
      await ensureScope(c.key, m).catch(() => undefined);
    }
  };
  /** Meta and the chosen company's index again (after imports, rules, and archiving elsewhere); returns what it
   *  cost. Only what changed is tokenised again (persisted-index.ts). */
  const reload = async () => {
    const m = await loadMeta(db);
    generation.current++;
    loading.current.clear();
    const current = companyRef.current ?? ALL_COMPANIES;
    const d = await ensureScope(current, m);
    setMeta(m);
    // The other companies' indexes stay usable until their reloads replace them.
    setScopes((prev) => new Map(prev).set(current, d));
    void warmOthers(m, current);
    return d.loadMs;
  };

  useEffect(() => {
    let lastLoadMs = 0;
    void (async () => {
      const [m, open] = await Promise.all([loadMeta(db, { counts: false }), rememberedCompany()]);
      const chosen = defaultCompany(m.companies, open?.cbe);
      setMeta(m);
      setOpenCbe(open?.cbe);
      setCompany(chosen);
      companyRef.current = chosen;
      setFirst(await loadFirstScreen(db, chosen, lang));
      // The first screen is painted before the company's search rows are read and the companies counted.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const counted = await loadMeta(db);
      setMeta(counted);
      const d = await ensureScope(chosen, counted);
      lastLoadMs = d.loadMs;
      void warmOthers(counted, chosen);
    })().catch(fail);
    void askKeptMessages().then(setKept, (e: unknown) => console.warn('[archive] the helper did not answer its kept messages', e));
    // Archiving in the service worker or another tab changes the archive: reload while visible, spaced by at
    // least ten times what a load costs, so an open archive page never slows a running bulk archive much.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onMutated = (parts: Record<string, unknown>) => {
      // Saving a search index (this page's or the worker's) changes no mail.
      const changed = (p: string) => p.startsWith(`idb://${db.name}/`) && !p.startsWith(`idb://${db.name}/searchIndexes/`);
      if (!Object.keys(parts).some(changed) || timer) return;
      const later = () => {
        timer = undefined;
        if (document.visibilityState !== 'visible') return void (timer = setTimeout(later, 3000));
        void reload().then((ms) => (lastLoadMs = ms), fail);
      };
      timer = setTimeout(later, Math.max(3000, lastLoadMs * 10));
    };
    Dexie.on('storagemutated', onMutated);
    return () => Dexie.on('storagemutated').unsubscribe(onMutated);
  }, []);

  const chooseCompany = (key: string) => {
    setCompany(key);
    companyRef.current = key;
    setSelected(new Set());
    setOpenId(undefined);
    setFilters({ ...EMPTY, text: filters.text, sort: filters.sort, descending: filters.descending });
    if (!scopes.has(key) && meta) {
      void loadFirstScreen(db, key, lang).then(setFirst, fail);
      void ensureScope(key, meta);
    }
  };

  const results = useMemo(() => {
    if (!data || company === undefined || !meta) return undefined;
    performance.mark('archive-search-start');
    const r = search(data.index, toQuery(filters, meta.labels, company));
    performance.measure('archive-search', 'archive-search-start');
    return r;
  }, [data, filters, company]);

  // Everything derived from one company's mail is computed with its index (loadScope), never on a switch or keystroke.
  const derived = data?.facets;

  if (!meta || company === undefined || !first) return <main class="loading">{t('archive_loading')}</main>;
  const typeName = (id: string, fallback?: SearchDoc['typeNames']) => translate(meta.typeNames.get(id) ?? fallback, lang) || id;
  const types = (derived?.types ?? []).map((id) => [id, typeName(id)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));
  const labels = labelsOf(meta.labels, company);
  const labelPaths = labels.map((l) => [l.id, meta.paths.get(l.id) ?? l.name] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'Europe/Brussels' });
  const companyName = companyLabel(meta.companies.find((c) => c.key === company) ?? { key: company });
  const waitingForIndex = !results && isFiltered(filters);
  const rows = results ? { count: results.length, doc: (i: number) => data!.index.docs[results[i]!]! } : first.company === company && !isFiltered(filters) ? { count: first.docs.length, doc: (i: number) => first.docs[i]! } : { count: 0, doc: (i: number) => first.docs[i]! };
  const shownCount = results ? results.length : first.company === company ? first.total : 0;
  const knownCompanies = meta.companies.filter((c) => c.key !== UNKNOWN_ENTERPRISE);

  const run = async (what: string, action: () => Promise<string>) => {
    setNotice({ kind: 'busy', text: `${what}…` });
    try {
      setNotice({ kind: 'ok', text: await action() });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div class="archive-page" data-ready={data ? 'index' : 'first-screen'} data-indexed-companies={scopes.size}>
      <header class="topbar">
        <h1>{t('archive_title')}</h1>
        <CompanySwitcher companies={meta.companies} value={company} openCbe={openCbe} onChange={chooseCompany} />
        <input class="search" type="search" name="q" placeholder={t('archive_search')} value={filters.text} onInput={(e) => set({ text: e.currentTarget.value })} autoFocus />
        <nav class="tabs">
          <button type="button" aria-pressed={tab === 'list'} onClick={() => setTab('list')} data-action="list">
            {t('archive_results', derived?.docs.length ?? first.total)}
          </button>
          <button type="button" aria-pressed={tab === 'dashboard'} onClick={() => setTab('dashboard')} data-action="dashboard">
            {t('archive_dashboard')}
          </button>
          <button type="button" aria-pressed={tab === 'rules'} onClick={() => setTab('rules')} data-action="rules-tab">
            {t('archive_rules')}
          </button>
        </nav>
        <div class="actions">
          <button type="button" data-action="export" title={companyName} onClick={() => void run(t('archive_export'), async () => {
            const { blob, manifest } = await exportArchive(db, { companies: company });
            const slug = company === ALL_COMPANIES ? 'all' : company;
            saveBlob(blob, `ebox-keeper-archive-${slug}-${manifest.exportedAt.slice(0, 10)}.zip`);
            return `${companyName}: ${t('archive_exportDone', manifest.messages, manifest.documents)}`;
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
                  const done = t('archive_importDone', r.newMessages, r.updatedMessages, r.newDocuments, r.presentDocuments);
                  return r.otherCompany ? `${done} ${tn('companies.importOtherCompany', r.otherCompany)}` : done;
                } catch (err) {
                  throw new Error(t('archive_importFailed', err instanceof Error ? err.message : String(err)));
                }
              });
            }} />
          </label>
          <button type="button" data-action="rules" onClick={() => void run(t('archive_rulesRun'), async () => {
            const r = await callWorker('rules.run', { enterprise: company });
            await reload();
            return t('archive_rulesDone', r.filed, r.toArchive.length);
          })}>
            {t('archive_rulesRun')}
          </button>
        </div>
      </header>
      {notice && <p class={`notice ${notice.kind}`} role="status" data-part="notice">{notice.text}</p>}
      {tab === 'dashboard' ? (
        derived ? (
          <Dashboard docs={derived.docs} locale={locale} companyName={companyName} onWiped={() => (setOpenId(undefined), setSelected(new Set()), void reload().then(() => setFirst({ company, docs: [], total: 0 }), fail))} />
        ) : <main class="loading">{t('archive_loading')}</main>
      ) : tab === 'rules' ? (
        <RulesPanel meta={meta} company={company} senders={derived?.senders ?? []} types={types} onLabelsChange={() => void reload().catch(fail)} />
      ) : (
        <div class="columns">
          <aside class="filters" data-part="filters">
            <label>{t('archive_sender')}<select name="sender" value={filters.sender} onChange={(e) => set({ sender: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{(derived?.senders ?? []).map(([id, name]) => <option value={id}>{name}</option>)}</select></label>
            <label>{t('archive_type')}<select name="type" value={filters.type} onChange={(e) => set({ type: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{types.map(([id, name]) => <option value={id}>{name}</option>)}</select></label>
            <label>{t('archive_label')}<select name="label" value={filters.label} onChange={(e) => set({ label: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{labelPaths.map(([id, path]) => <option value={id}>{path}</option>)}</select></label>
            <label>{t('archive_tag')}<select name="tag" value={filters.tag} onChange={(e) => set({ tag: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{(derived?.tags ?? []).map((tag) => <option value={tag}>{tag}</option>)}</select></label>
            <label>{t('archive_registered')}<select name="registered" value={filters.registered} onChange={(e) => set({ registered: e.currentTarget.value as Tri })}><option value="">{t('archive_any')}</option><option value="yes">{t('archive_yes')}</option><option value="no">{t('archive_no')}</option></select></label>
            <label>{t('archive_status')}<select name="archived" value={filters.archived} onChange={(e) => set({ archived: e.currentTarget.value as Tri })}><option value="">{t('archive_any')}</option><option value="yes">{t('archive_statusArchived')}</option><option value="no">{t('archive_statusSeen')}</option></select></label>
            {(['receivedFrom', 'receivedTo', 'expiresFrom', 'expiresTo'] as const).map((k) => (
              <label>{t(k === 'receivedFrom' ? 'archive_receivedFrom' : k === 'receivedTo' ? 'archive_receivedTo' : k === 'expiresFrom' ? 'archive_expiresFrom' : 'archive_expiresTo')}
                <input type="text" inputMode="numeric" name={k} placeholder={t('companies.dayPlaceholder')} value={filters[k]} aria-invalid={filters[k] !== '' && !parseDay(filters[k])} onInput={(e) => set({ [k]: e.currentTarget.value })} />
              </label>
            ))}
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
              <span data-part="result-count" data-count={shownCount} data-company={company}>{t('archive_results', shownCount)}</span>
              <button type="button" data-action="zip" disabled={!selected.size} onClick={() => void run(t('archive_downloadZip', selected.size), async () => {
                const blob = await zipSelection(db, [...selected]);
                saveBlob(blob, `ebox-keeper-selection-${new Date().toISOString().slice(0, 10)}.zip`);
                return t('archive_downloadZip', selected.size);
              })}>
                {t('archive_downloadZip', selected.size)}
              </button>
              <button type="button" data-action="bundle" disabled={!data} onClick={() => setBundleOpen(true)}>
                {t('bundles.export')}
              </button>
            </div>
            {company === UNKNOWN_ENTERPRISE && (
              <div class="assign" data-part="assign-company">
                <span>{t('companies.unknownExplain')}</span>
                <select name="assign-company" value={assignTo} onChange={(e) => setAssignTo(e.currentTarget.value)}>
                  <option value="">{t('companies.choose')}</option>
                  {knownCompanies.map((c) => <option value={c.key}>{companyLabel(c)}</option>)}
                </select>
                <button type="button" data-action="assign-company" disabled={!assignTo || !selected.size} onClick={() => void run(t('companies.assign'), async () => {
                  const r = await assignCompany(db, [...selected], assignTo);
                  setSelected(new Set());
                  await reload();
                  return tn('companies.assigned', r.assigned, companyLabel(knownCompanies.find((c) => c.key === assignTo)));
                })}>
                  {tn('companies.assignSelected', selected.size)}
                </button>
              </div>
            )}
            {waitingForIndex ? (
              <p class="empty" data-part="preparing">{t('companies.preparingSearch')}</p>
            ) : rows.count === 0 ? (
              <p class="empty">{t('archive_noResults')}</p>
            ) : (
              <VirtualList count={rows.count} rowHeight={58} renderRow={(i) => {
                const d = rows.doc(i);
                return (
                  <div class={`result${openId === d.messageId ? ' open' : ''}`} data-message-id={d.messageId} data-company={d.enterprise} onClick={() => setOpenId(d.messageId)}>
                    <input type="checkbox" aria-label={t('archive_select')} checked={selected.has(d.messageId)} onClick={(e) => e.stopPropagation()} onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(d.messageId);
                      else next.delete(d.messageId);
                      setSelected(next);
                    }} />
                    <div class="main">
                      <div class="subject">{d.registered && <span class="reg">✉ </span>}{d.subject}</div>
                      <div class="meta">
                        {company === ALL_COMPANIES && <span class="chip company">{companyLabel(meta.companies.find((c) => c.key === d.enterprise) ?? { key: d.enterprise })}</span>}
                        <span class="sender">{d.sender}</span>
                        <span class="type">· {typeName(d.messageTypeId, d.typeNames)}</span>
                        {d.labels.map((id) => {
                          const l = meta.labels.find((x) => x.id === id);
                          return l && <span class="chip" style={{ background: l.color, color: readableOn(l.color) }}>{meta.paths.get(id)}</span>;
                        })}
                        {d.tags.map((tag) => <span class="chip tag">#{tag}</span>)}
                        {d.integrityMismatch && <span class="chip warn">⚠ SHA-256</span>}
                        {keptIn?.kept.has(d.messageId) && <span class="chip kept" data-part="kept-by-helper" title={t('kept.keptByHelperTitle')}>{t('kept.keptByHelper')}</span>}
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
          {openId && keptIn?.helperOnly.has(openId) && <KeptDetail key={openId} kept={keptIn.kept.get(openId)!} companyName={(key) => companyLabel(meta.companies.find((c) => c.key === key) ?? { key })} typeName={typeName} onClose={() => setOpenId(undefined)} />}
          {openId && !keptIn?.helperOnly.has(openId) && <MessageDetail key={openId} messageId={openId} companyName={(key) => companyLabel(meta.companies.find((c) => c.key === key) ?? { key })} typeName={typeName} onClose={() => setOpenId(undefined)} />}
        </div>
      )}
      {bundleOpen && data && results && (() => {
        // The current selection, or when nothing is selected everything the filter shows.
        const ids = selected.size > 0 ? [...selected] : Array.from(results, (i) => data.index.docs[i]!.messageId);
        const wanted = new Set(ids);
        let bytes = 0;
        const companies = new Set<string>();
        for (const d of data.index.docs) if (wanted.has(d.messageId)) (bytes += d.bytes, companies.add(d.enterprise));
        const selection = selected.size > 0
          ? selectionWords(ids.length, { selected: true })
          : selectionWords(ids.length, {
              filter: {
                text: filters.text,
                sender: filters.sender && (derived?.senders.find(([id]) => id === filters.sender)?.[1] ?? filters.sender),
                type: filters.type && typeName(filters.type),
                label: filters.label && meta.paths.get(filters.label),
                tag: filters.tag,
                ...(tri(filters.registered) !== undefined ? { registered: tri(filters.registered) } : {}),
                ...(tri(filters.archived) !== undefined ? { archived: tri(filters.archived) } : {}),
                receivedFrom: filters.receivedFrom,
                receivedTo: filters.receivedTo,
                expiresFrom: filters.expiresFrom,
                expiresTo: filters.expiresTo,
              },
            });
        const bundleCompanies = [...companies].map((key) => ({ key, ...(meta.companies.find((c) => c.key === key)?.name ? { name: meta.companies.find((c) => c.key === key)!.name! } : {}) }));
        return <BundleDialog messageIds={ids} bytes={bytes} companies={bundleCompanies} mode={selected.size > 0 ? 'selected' : 'filter'} selection={selection} locale={locale} onClose={() => setBundleOpen(false)} />;
      })()}
    </div>
  );
}
