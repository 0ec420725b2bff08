// The toolbar popup: what expires soon, one-click archive, archive all with progress, counts, freshness of the list
// and the helper's status. All data comes from the service worker (expiry-protocol), which also archives.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { translate } from '../../../shared/ebox/model.ts';
import { currentIntlLocale, currentLanguage, t, tn } from '@/src/i18n/i18n';
import { requestArchive, requestOverview } from '@/src/expiry/expiry-protocol';
import type { ExpiryOverview } from '@/src/expiry/expiry-service';
import { urgencyOf, type ExpiringMessage } from '@/src/expiry/expiring-messages';
import { deadlineText, senderText, whenText } from '@/src/expiry/reminder-notifications';
import { openEbox } from '@/src/expiry/ebox-tab';
import { HelperStatusLine } from './HelperStatusLine';
import { PermissionNotice } from '@/src/ui/permission-notice';
import { useArchiveAllJob } from './archive-all-job';
import { UnreadRegisteredQuestion } from '@/src/ui/job-progress';
import { openSidePanel } from './open-side-panel';
import { callWorker } from '@/src/messaging/client';
import { CompanySwitcher } from '@/src/archive/company-switcher';
import { ALL_COMPANIES } from '@/src/archive/company-scope';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';

type ItemState = { kind: 'archiving' } | { kind: 'failed'; error: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function Popup() {
  const [overview, setOverview] = useState<ExpiryOverview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [items, setItems] = useState<Record<string, ItemState>>({});
  // The company whose e-Box is open, unless the user picks another (or, explicitly, all of them).
  const [chosen, setChosen] = useState<string | undefined>();
  const refreshOverview = () => requestOverview().then(setOverview, (e: unknown) => setLoadError(errorText(e)));
  const bulk = useArchiveAllJob(refreshOverview);

  useEffect(() => {
    void refreshOverview();
  }, []);

  const setItem = (id: string, state: ItemState | null) =>
    setItems((all) => {
      const next = { ...all };
      if (state) next[id] = state;
      else delete next[id];
      return next;
    });

  async function archiveOne(id: string): Promise<void> {
    setItem(id, { kind: 'archiving' });
    try {
      setOverview(await requestArchive(id));
      setItem(id, null);
    } catch (error) {
      setItem(id, { kind: 'failed', error: errorText(error) });
    }
  }

  const openOptions = () => void browser.runtime.openOptionsPage();
  const goToEbox = () => void openEbox(import.meta.env.WXT_EBOX_SANDBOX === '1').then(() => window.close());

  return (
    <>
      <header>
        <img src="/icon/48.png" alt="" />
        <h1>
          {t('popup_title')}
          {overview && <span class="sub">{t('popup_windowNote', overview.windowDays)}</span>}
        </h1>
        <button type="button" data-action="open-side-panel" onClick={() => void openSidePanel().then(() => window.close())} title={t('sidepanel.openPanel')} aria-label={t('sidepanel.openPanel')}>
          ◧
        </button>
        <button type="button" onClick={openOptions} title={t('popup_settings')} aria-label={t('popup_settings')}>
          ⚙
        </button>
      </header>
      {bulk.job?.status === 'awaiting-choice' && <UnreadRegisteredQuestion job={bulk.job} />}
      <PermissionNotice />

      {loadError && <p class="empty error">{t('popup_loadError', loadError)}</p>}

      {overview && (() => {
        const companyKeys = Object.keys(overview.byCompany).sort((a, b) => (a === UNKNOWN_ENTERPRISE ? 1 : b === UNKNOWN_ENTERPRISE ? -1 : (overview.companyNames[a] ?? a).localeCompare(overview.companyNames[b] ?? b)));
        const company = chosen ?? overview.badgeCompany ?? (companyKeys.length === 1 ? companyKeys[0]! : companyKeys[0] ?? UNKNOWN_ENTERPRISE);
        const all = company === ALL_COMPANIES;
        const expiring = all ? overview.expiring : overview.expiring.filter((m) => (m.enterprise ?? UNKNOWN_ENTERPRISE) === company);
        const counts = all
          ? Object.values(overview.byCompany).reduce((n, c) => ({ archived: n.archived + c.counts.archived, notArchived: n.notArchived + c.counts.notArchived }), { archived: 0, notArchived: 0 })
          : (overview.byCompany[company]?.counts ?? { archived: 0, notArchived: 0 });
        // Grouped by company when several are shown.
        const groups = all ? companyKeys.map((key) => ({ key, messages: expiring.filter((m) => (m.enterprise ?? UNKNOWN_ENTERPRISE) === key) })).filter((g) => g.messages.length) : [{ key: company, messages: expiring }];
        return (
        <>
          <CompanySwitcher
            companies={companyKeys.map((key) => ({ key, name: overview.companyNames[key] ?? key, messages: overview.byCompany[key]!.expiring }))}
            value={company}
            openCbe={overview.badgeCompany}
            onChange={setChosen}
          />
          {overview.quiet && <p class="quiet muted" data-part="quiet-waiting">{tn('companies.quietWaiting', overview.quiet.waiting, new Intl.DateTimeFormat(currentIntlLocale(), { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(new Date(overview.quiet.until)))}</p>}
          <div class="counts">
            <div class="count not-archived" data-count="not-archived" data-nonzero={counts.notArchived > 0 || undefined}>
              <strong>{counts.notArchived}</strong>
              {t('popup_countNotArchived')}
            </div>
            <div class="count archived" data-count="archived">
              <strong>{counts.archived}</strong>
              {t('popup_countArchived')}
            </div>
          </div>

          {expiring.length === 0 ? (
            <div class="empty">
              <strong>{t('popup_empty')}</strong>
              <span class="muted">{t('popup_emptyDetail', overview.windowDays)}</span>
            </div>
          ) : (
            groups.map((g) => (
              <section class="company-group" data-company={g.key}>
                {all && <h2 class="company-heading">{overview.companyNames[g.key] ?? g.key}</h2>}
                <ul class="expiring">
                  {g.messages.map((m) => (
                    <ExpiringItem
                      key={m.messageId}
                      message={m}
                      state={items[m.messageId] ?? bulk.failures[m.messageId]}
                      disabled={bulk.running}
                      onArchive={archiveOne}
                    />
                  ))}
                </ul>
              </section>
            ))
          )}

          {(expiring.length > 0 || bulk.progress) && (
            <div class="bulk">
              {expiring.length > 0 && (
                <button
                  type="button"
                  data-action="archive-all"
                  disabled={bulk.running}
                  onClick={() => void bulk.start(expiring.map((m) => m.messageId))}
                >
                  {t('popup_archiveAll', expiring.length)}
                </button>
              )}
              {bulk.progress && (
                <>
                  <progress max={bulk.progress.total} value={bulk.progress.done} />
                  <p class={bulk.progress.failed > 0 || bulk.error ? 'error' : 'muted'} role="status" data-field="archive-all-progress">
                    {bulk.error ??
                      (bulk.running
                        ? t('popup_archiveAllProgress', Math.min(bulk.progress.done + 1, bulk.progress.total), bulk.progress.total)
                        : t('popup_archiveAllDone', bulk.progress.done - bulk.progress.failed, bulk.progress.failed))}
                  </p>
                </>
              )}
            </div>
          )}
        </>
        );
      })()}

      <footer>
        <div class="row">
          <span data-field="last-refreshed">
            {overview && (overview.lastRefreshedAt ? t('popup_lastRefreshed', relativeTime(overview.lastRefreshedAt)) : t('popup_neverRefreshed'))}
          </span>
          <button type="button" class="link" data-action="open-ebox" onClick={goToEbox}>
            {t('popup_openEbox')}
          </button>
          <button type="button" class="link" data-action="open-archive" onClick={() => void callWorker('archive.openPage').then(() => window.close())}>
            {t('overlay_openArchive')}
          </button>
        </div>
        <div class="row">
          <HelperStatusLine onOpenOptions={openOptions} />
        </div>
      </footer>
    </>
  );
}

function ExpiringItem(props: { message: ExpiringMessage; state: ItemState | undefined; disabled: boolean; onArchive: (id: string) => Promise<void> }) {
  const { message: m, state } = props;
  const archiving = state?.kind === 'archiving';
  return (
    <li class={`message ${urgencyOf(m.daysLeft)}`} data-message-id={m.messageId}>
      <span class="tags">
        <span class="when">{whenText(m.daysLeft)}</span>
        {m.registeredMail && <span class="registered">{t('popup_registered')}</span>}
      </span>
      <span class="subject" title={translate(m.subject, currentLanguage())}>
        {translate(m.subject, currentLanguage())}
      </span>
      <span class="meta">
        {senderText(m)} · {t('popup_deadline', deadlineText(m.expirationDate))}
      </span>
      <button type="button" data-action="archive" disabled={archiving || props.disabled} onClick={() => void props.onArchive(m.messageId)}>
        {archiving ? t('popup_archiving') : t('popup_archive')}
      </button>
      {state?.kind === 'failed' && (
        <span class="error" role="alert">
          {state.error}
        </span>
      )}
    </li>
  );
}

/** "2 hours ago", "yesterday" in the current language. */
function relativeTime(iso: string): string {
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(currentIntlLocale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}
