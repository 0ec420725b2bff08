// The helper's own sync (e-Box Document Consumer): each consumer account with its providers' last sync and error,
// the last run's summary and problems, and "sync now". Shown only when a helper is paired; followed every few
// seconds while a run is going.
import { useEffect, useState } from 'preact/hooks';
import { currentIntlLocale, t } from '@/src/i18n/i18n';
import { askSyncNow, askSyncStatus } from '@/src/helper-kept/kept-api';
import { watchHelperConnection } from '@/src/settings/helper-connection';
import type { SyncStatus } from '../../../shared/helper-api/sync.ts';

const ADD_COMMAND = 'ebox-keeper consumer add --enterprise CBE --client-id ID --identity FILE.p12';
const POLL_MS = 2000;

export function HelperSync() {
  const [status, setStatus] = useState<SyncStatus | null | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = () =>
    askSyncStatus().then(
      (s) => (setStatus(s), setError(null), s),
      (e: unknown) => (setError(e instanceof Error ? e.message : String(e)), undefined),
    );

  useEffect(() => {
    void refresh();
    return watchHelperConnection(() => void refresh());
  }, []);
  useEffect(() => {
    if (!status?.running) return;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [status]);

  if (status === null || (status === undefined && !error)) return null;
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(currentIntlLocale(), { dateStyle: 'short', timeStyle: 'short' }) : t('kept.never'));

  async function syncNow() {
    setBusy(true);
    setNotice(null);
    try {
      const started = await askSyncNow();
      setNotice(started ? t('kept.syncStarted') : t('kept.syncBusy'));
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section style={{ marginTop: '16px' }} data-part="helper-sync" data-running={status?.running ? 'true' : 'false'}>
      <h2>{t('kept.syncHeading')}</h2>
      <p class="help">{t('kept.syncHelp')}</p>
      {error && <p class="error" role="alert">{t('kept.unreachable', error)}</p>}
      {status && status.accounts.length === 0 && <p class="help" data-part="no-consumer-account">{t('kept.noAccount', ADD_COMMAND)}</p>}
      {status?.accounts.map((a) => (
        <div class="field" data-enterprise={a.enterprise} data-part="consumer-account">
          <span class="label">{t('kept.account', a.enterprise, a.clientId, when(a.certificateNotAfter))}</span>
          <table class="sync-providers">
            <thead>
              <tr><th>{t('kept.provider')}</th><th>{t('kept.lastSync')}</th><th>{t('kept.lastSuccess')}</th><th>{t('kept.state')}</th></tr>
            </thead>
            <tbody>
              {a.providers.map((p) => (
                <tr data-provider={p.provider} data-state={p.lastError ? 'error' : 'ok'}>
                  <td title={p.provider}>{p.name ?? p.provider}</td>
                  <td data-field="last-sync">{when(p.lastRunAt)}</td>
                  <td>{when(p.lastSuccessAt)}</td>
                  <td class={p.lastError ? 'error' : 'saved'} data-field="provider-error">{p.lastError ?? t('kept.ok')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {status?.lastRun && (
        <div class="field" data-part="last-run">
          <span>{t('kept.lastRun', when(status.lastRun.finishedAt), status.lastRun.summary)}</span>
          {status.lastRun.problems.length > 0 && <ul class="error">{status.lastRun.problems.map((p) => <li>{p}</li>)}</ul>}
        </div>
      )}
      {status?.nextRunAt && <p class="help">{t('kept.nextRun', when(status.nextRunAt))}</p>}
      <div class="actions">
        <button type="button" data-action="sync-now" disabled={busy || !status || status.running || status.accounts.length === 0} onClick={() => void syncNow()}>
          {status?.running ? t('kept.syncing') : t('kept.syncNow')}
        </button>
        {notice && <span class="saved" role="status" data-field="sync-notice">{notice}</span>}
      </div>
    </section>
  );
}
