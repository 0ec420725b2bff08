// The side panel: the e-Box tab's listed messages and the open one, from the captured data alone (the tab's
// PageFacts kept by the service worker), with every action the overlay has, through the same components: filing
// (labels, tags, note, archive now), bulk archive of the selection or of everything matching the current filter
// with progress, and the proof view (receipt status and downloads, the qualified evidence chain).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatCbe } from '../../../shared/ebox/enterprise.ts';
import { translate } from '../../../shared/ebox/model.ts';
import { currentIntlLocale, currentLanguage, t } from '@/src/i18n/i18n';
import type { BulkJob } from '@/src/jobs/bulk-job';
import { watchPageFacts } from '@/src/ebox-adapter/page-facts-client';
import { callWorker } from '@/src/messaging/client';
import { JOBS_STORAGE_KEY } from '@/src/messaging/protocol';
import { createOverlayStore } from '@/src/overlay/overlay-store';
import type { PanelMessage, PanelView } from '@/src/panel/panel-api';
import { readLocal, watchLocal } from '@/src/platform/runtime';
import { loadSettings } from '@/src/settings/settings-store';
import { BulkActions } from '@/src/ui/bulk-actions';
import { FilingCard } from '@/src/ui/filing-card';
import { FilingChips } from '@/src/ui/filing-chips';
import { PermissionNotice } from '@/src/ui/permission-notice';
import { ProofPanel } from '@/src/ui/proof-view';

function MessageRow({ m, selected, focused, toggle, focus, labels }: {
  m: PanelMessage;
  selected: boolean;
  focused: boolean;
  toggle: () => void;
  focus: () => void;
  labels: Parameters<typeof FilingChips>[0]['labels'];
}) {
  const lang = currentLanguage();
  return (
    <li class={`${focused ? 'focused' : ''} ${m.read ? '' : 'unread'}`} data-message-id={m.messageId} data-registered={m.registered ?? ''} onClick={focus}>
      <input type="checkbox" class="select" checked={selected} aria-label={t('overlay_select')} onClick={(e) => e.stopPropagation()} onChange={toggle} />
      <span>
        <span class="subject">{translate(m.subject, lang)}</span>
        {m.registered && <span class="kind">{m.registered === 'qualified' ? t('proofs.kindQualified') : t('proofs.kindRegistered')}</span>}
        <FilingChips filing={m.filing} labels={labels} />
      </span>
      <span class="meta">
        {translate(m.sender, lang)} · {new Date(m.receiptDate).toLocaleDateString(currentIntlLocale(), { timeZone: 'Europe/Brussels' })}
      </span>
    </li>
  );
}

export function SidePanel({ tabId }: { tabId: number | undefined }) {
  const store = useMemo(() => createOverlayStore(), []);
  const [view, setView] = useState<PanelView>();
  const [error, setError] = useState<string>();
  const [focusedId, setFocused] = useState<string>();
  const [nameOnReceipts, setName] = useState('');
  const [, repaint] = useState(0);

  useEffect(() => {
    if (tabId === undefined) return;
    const stop = new AbortController();
    const load = () =>
      callWorker('panel.view', { tabId }).then(
        (v) => {
          store.update((s) => {
            for (const m of [...v.listed, ...(v.open ? [v.open] : [])]) s.filing.set(m.messageId, m.filing);
            if (v.facts?.listed) s.list = { listUrl: v.facts.listed.listUrl, ...(v.facts.listed.totalItems !== undefined ? { totalItems: v.facts.listed.totalItems } : {}) };
          });
          // The app opened another message: show it rather than the row picked in the panel.
          setView((old) => {
            if (old?.open?.messageId !== v.open?.messageId && v.open) setFocused(undefined);
            return v;
          });
          setError(undefined);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    store.subscribe(() => repaint((n) => n + 1), stop.signal);
    void callWorker('labels.list', {}).then((labels) => store.update((s) => void (s.labels = labels)), () => {});
    void loadSettings().then((s) => setName(s.nameOnReceipts));
    const setJobs = (jobs: BulkJob[] | undefined) => store.update((s) => void (s.jobs = jobs ?? []));
    void readLocal<BulkJob[]>(JOBS_STORAGE_KEY).then(setJobs);
    watchLocal<BulkJob[]>(JOBS_STORAGE_KEY, (jobs) => (setJobs(jobs), void load()), stop.signal);
    // The app in the tab fetched something new: a list (another filter, another page), a message, a company.
    watchPageFacts(tabId, () => void load(), stop.signal);
    return () => stop.abort();
  }, [tabId]);

  const s = store.get();
  const facts = view?.facts;
  const user = facts?.person ?? nameOnReceipts;
  const shown = (focusedId && [...(view?.listed ?? []), ...(view?.open ? [view.open] : [])].find((m) => m.messageId === focusedId)) || view?.open;

  return (
    <div class="side-panel" data-tab-id={tabId ?? ''}>
      <header class="panel-head">
        <h1>e-Box Keeper</h1>
        <span class="company" data-field="company" data-cbe={facts?.enterprise?.cbe ?? ''}>
          {facts?.enterprise ? `${facts.enterprise.name ?? ''} (${formatCbe(facts.enterprise.cbe)})` : ''}
        </span>
        {/* The company switcher (companies12) mounts here. */}
        <div class="company-switcher" data-slot="company-switcher" />
      </header>
      <PermissionNotice />
      {error && (
        <p class="notice error" role="alert" data-field="panel-error">
          {t('overlay_error', error)}
        </p>
      )}
      {view && !facts && (
        <p class="muted" data-field="no-ebox">
          {t('sidepanel.noEbox')}
        </p>
      )}
      {facts?.registries.filter((r) => r.problem).map((r) => (
        <p class="notice" role="alert" data-field="registry-problem" data-base={r.base}>
          {t('sidepanel.registryProblem', r.base, r.problem ?? '')}
        </p>
      ))}
      {shown && (
        <section class="open" data-field="open-message" data-message-id={shown.messageId}>
          <h2 class="section">{translate(shown.subject, currentLanguage())}</h2>
          <FilingCard messageId={shown.messageId} store={store} user={user} />
          {shown.registered && <ProofPanel key={shown.messageId} messageId={shown.messageId} language={currentLanguage()} archived={s.filing.get(shown.messageId)?.archived ?? false} />}
        </section>
      )}
      {facts?.listed && (
        <section class="listed" data-field="listed" data-count={view?.listed.length ?? 0}>
          <h2>{t('sidepanel.listed', view?.listed.length ?? 0)}</h2>
          <BulkActions store={store} rowIds={view?.listed.map((m) => m.messageId) ?? []} {...(user ? { by: user } : {})} {...(tabId !== undefined ? { tabId } : {})} />
          <ul class="messages">
            {view?.listed.map((m) => (
              <MessageRow
                key={m.messageId}
                m={{ ...m, filing: s.filing.get(m.messageId) ?? m.filing }}
                labels={s.labels}
                selected={s.selected.has(m.messageId)}
                focused={m.messageId === shown?.messageId}
                focus={() => setFocused(m.messageId)}
                toggle={() => store.update((st) => void (st.selected.has(m.messageId) ? st.selected.delete(m.messageId) : st.selected.add(m.messageId)))}
              />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
