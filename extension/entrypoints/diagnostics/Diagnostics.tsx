// What e-Box Keeper captured from each e-Box tab (providers, calls, company, language, person) and what it could
// place on the page; asks a waiting provider's permission (an extension page can, on a click); copies a report with
// the page's skeleton (structure only) so that real-page selectors can be added in one place.
import { useEffect, useState } from 'preact/hooks';
import { formatCbe } from '../../../shared/ebox/enterprise';
import { askHostAccess, HOST_ACCESS_KEY, type HostAccessAnswers } from '@/src/ebox-adapter/host-access';
import { diagnoseTabs, watchPageFacts } from '@/src/ebox-adapter/page-facts-client';
import { SKELETON_REQUEST, type TabDiagnosis } from '@/src/ebox-adapter/page-facts-api';
import { t } from '@/src/i18n/i18n';
import { hasHostAccess, readLocal, sendToTab } from '@/src/platform/runtime';

/** One provider origin: whether it may be read from, and the button that asks the browser (a click: allowed). */
function Provider({ name, origin, permitted, problem, declined, onAsked }: { name: string; origin: string; permitted: boolean; problem?: string | undefined; declined: string | undefined; onAsked: () => void }) {
  return (
    <li data-origin={origin} data-permitted={String(permitted)}>
      {name} · {permitted ? t('pagefacts.permitted') : t('pagefacts.notPermitted')}
      {problem && <span class="help"> · {problem}</span>}
      {!permitted && (
        <>
          {' '}
          <button type="button" data-action="allow" onClick={() => void askHostAccess(origin).then(onAsked)}>
            {t('pagefacts.allow')}
          </button>
          {declined && <span class="help"> {declined}</span>}
        </>
      )}
    </li>
  );
}

function Tab({ d, answers, onAsked }: { d: TabDiagnosis; answers: HostAccessAnswers; onAsked: () => void }) {
  const [status, setStatus] = useState<string>();
  const [report, setReport] = useState<string>();
  const f = d.facts;
  const copy = async () => {
    try {
      const reply = (await sendToTab(f.tabId, { kind: SKELETON_REQUEST })) as { skeleton?: string } | undefined;
      // No URL, company, person or message id: the report is the structure and the counts.
      const report = [
        'e-Box Keeper diagnostics report',
        `registries: ${f.registries.map((r) => `${new URL(r.base).host} ${r.permitted ? 'permitted' : 'not permitted'}`).join(', ') || 'none'}`,
        `calls: ${Object.entries(d.calls.reduce<Record<string, number>>((n, c) => ({ ...n, [`${c.kind} ${c.status}`]: (n[`${c.kind} ${c.status}`] ?? 0) + 1 }), {})).map(([k, n]) => `${k} ×${n}`).join(', ')}`,
        `listed: ${f.listed?.ids.length ?? 0}, open: ${f.open ? 'yes' : 'no'}, company: ${f.enterprise ? f.enterprise.source : 'unknown'}, person: ${f.person ? 'known' : 'unknown'}, language: ${f.language ?? 'unknown'}`,
        `placement: ${Object.entries(d.placement).map(([k, v]) => `${k} ${v.placed}/${v.placed + v.unplaced}`).join(', ')}`,
        '',
        reply?.skeleton ?? '(the page did not answer)',
      ].join('\n');
      // Shown as well as copied: the user sees exactly what they would send.
      setReport(report);
      await navigator.clipboard.writeText(report);
      setStatus(t('pagefacts.copied'));
    } catch (e) {
      setStatus(t('pagefacts.copyFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <section data-tab-id={f.tabId}>
      <h2>{t('pagefacts.tab')}</h2>
      <div class="field">
        <span class="label">{t('pagefacts.providers')}</span>
        <ul data-field="providers">
          {f.registries.map((r) => (
            <Provider name={r.base} origin={new URL(r.base).origin} permitted={r.permitted} problem={r.problem} declined={answers[new URL(r.base).origin] === 'declined' ? t('pagefacts.declined', new URL(r.base).origin) : undefined} onAsked={onAsked} />
          ))}
        </ul>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.calls')}</span>
        <span data-field="calls">{d.calls.length}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.company')}</span>
        <span data-field="company">{f.enterprise ? `${f.enterprise.name ?? ''} ${formatCbe(f.enterprise.cbe)} (${f.enterprise.source})` : t('pagefacts.unknown')}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.language')}</span>
        <span data-field="language">{f.language ?? t('pagefacts.unknown')}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.person')}</span>
        <span data-field="person">{f.person ?? t('pagefacts.unknown')}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.listed')}</span>
        <span data-field="listed">{f.listed?.ids.length ?? 0}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.open')}</span>
        <span data-field="open">{f.open?.messageId ?? '—'}</span>
      </div>
      <div class="field">
        <span class="label">{t('pagefacts.placement')}</span>
        <ul data-field="placement">
          {Object.entries(d.placement).map(([feature, p]) => (
            <li data-feature={feature} data-placed={p.placed} data-unplaced={p.unplaced}>
              {feature}: {t('pagefacts.placed', p.placed, p.unplaced)}
            </li>
          ))}
        </ul>
      </div>
      <div class="actions">
        <button type="button" data-action="copy-report" onClick={() => void copy()}>
          {t('pagefacts.copyReport')}
        </button>
        {status && <span role="status">{status}</span>}
      </div>
      {report && <pre data-field="report">{report}</pre>}
    </section>
  );
}

export function Diagnostics() {
  const [tabs, setTabs] = useState<TabDiagnosis[]>();
  const [answers, setAnswers] = useState<HostAccessAnswers>({});
  const load = () => {
    void diagnoseTabs().then(setTabs, () => setTabs([]));
    void readLocal<HostAccessAnswers>(HOST_ACCESS_KEY).then((a) => setAnswers(a ?? {}));
  };
  useEffect(load, []);
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  const shown = (tabs ?? []).filter((d) => !wanted || d.facts.tabId === wanted);
  // A permission granted or declined reaches the tab's facts a moment after the prompt: follow them.
  const shownIds = shown.map((d) => d.facts.tabId).join(',');
  useEffect(() => {
    const stop = new AbortController();
    for (const d of shown) watchPageFacts(d.facts.tabId, load, stop.signal);
    return () => stop.abort();
  }, [shownIds]);
  // A provider no tab's registry names: a QERDS provider an evidence link points to, asked for from a proof view.
  const asked = new URLSearchParams(location.search).get('origin');
  const askedIsRegistry = shown.some((d) => d.facts.registries.some((r) => new URL(r.base).origin === asked));
  const [askedPermitted, setAskedPermitted] = useState<boolean>();
  useEffect(() => void (asked && hasHostAccess(asked).then(setAskedPermitted)), [answers]);
  return (
    <main>
      <header class="page">
        <h1>{t('pagefacts.diagnosticsTitle')}</h1>
      </header>
      {asked && tabs && !askedIsRegistry && (
        <section data-field="provider">
          <h2>{t('pagefacts.providers')}</h2>
          <ul>
            <Provider name={asked} origin={asked} permitted={!!askedPermitted} declined={answers[asked] === 'declined' ? t('proofs.providerDeclined', asked) : undefined} onAsked={load} />
          </ul>
        </section>
      )}
      {tabs && shown.length === 0 && <p data-field="no-tab">{t('pagefacts.noTab')}</p>}
      {shown.map((d) => (
        <Tab d={d} answers={answers} onAsked={load} />
      ))}
    </main>
  );
}
