// Inbox: select rows or "everything matching the current filter" and archive them in the service worker, with a
// progress bar (messages, bytes, time left, cancel) that follows the job even after the user moves on.
import { currentUser, inboxList, inboxRows, rowMessageId } from '../../ebox-adapter/selectors.ts';
import { currentIntlLocale, t, tn } from '../../i18n/i18n.ts';
import { timeLeftMs, type BulkJob } from '../../jobs/bulk-job.ts';
import { callArchive } from '../../messaging/client.ts';
import { anchoredPanel } from '../anchored-panel.ts';
import { watchDom } from '../dom-watch.ts';
import type { Feature } from '../feature-manager.ts';
import { formatBytes, formatDuration } from '../format.ts';
import type { OverlayStore } from '../overlay-store.ts';

function JobProgress({ job }: { job: BulkJob }) {
  const locale = currentIntlLocale();
  const left = timeLeftMs(job);
  const total = job.listing?.totalItems ?? job.total;
  const summary =
    job.status === 'done' ? t('overlay_jobDone', job.done - job.failed.length, formatBytes(job.bytes, locale))
    : job.status === 'cancelled' ? t('companies.bulkCancelled', job.done - job.failed.length, total)
    : job.status === 'failed' ? t('overlay_jobError', job.error ?? '')
    : t('overlay_progress', job.done, total, formatBytes(job.bytes, locale)) + (left !== undefined ? ` · ${t('overlay_timeLeft', formatDuration(left, locale))}` : '');
  return (
    <div class="progress" data-job-id={job.id} data-status={job.status} data-done={job.done} data-total={total}>
      <progress max={Math.max(total, 1)} value={job.done} />
      <span class={`status${job.status === 'failed' ? ' error' : ''}`} role="status">
        {summary}
        {job.failed.length > 0 && ` · ${t('overlay_jobFailures', job.failed.length)}`}
      </span>
      {job.failed.length > 0 && job.status !== 'running' && (
        <details>
          <summary>{t('overlay_jobFailures', job.failed.length)}</summary>
          <ul>
            {job.failed.slice(0, 50).map((f) => (
              <li>
                {f.messageId}: {f.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function BulkBar({ store }: { store: OverlayStore }) {
  const s = store.get();
  const rows = inboxRows(document).map(rowMessageId).filter((id): id is string => !!id);
  const allOnPage = rows.length > 0 && rows.every((id) => s.selected.has(id));
  const job = s.jobs.at(-1);
  const running = job?.status === 'running';
  const start = async (params: { ids?: string[]; listUrl?: string }) => {
    try {
      await callArchive('archive.bulk', { ...params, by: currentUser(document) });
      store.update((st) => st.selected.clear());
    } catch (e) {
      alert(t('overlay_error', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <div class="bulk" data-part="bulk-bar">
      <label>
        <input
          type="checkbox"
          class="select"
          checked={allOnPage}
          aria-label={t('overlay_selectPage')}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            store.update((st) => rows.forEach((id) => (on ? st.selected.add(id) : st.selected.delete(id))));
          }}
        />
        {tn('overlay_selectedCount', s.selected.size)}
      </label>
      <button type="button" class="primary" data-action="archive-selected" disabled={!s.selected.size || running} onClick={() => void start({ ids: [...s.selected] })}>
        {t('overlay_archiveSelected', s.selected.size)}
      </button>
      <button type="button" class="secondary" data-action="archive-matching" disabled={!s.list || running} onClick={() => s.list && void start({ listUrl: s.list.listUrl })}>
        {t('overlay_archiveAllMatching', s.list?.totalItems ?? '…')}
      </button>
      {job && <JobProgress job={job} />}
      <button type="button" class="secondary" data-action="open-archive" onClick={() => void callArchive('archive.openPage')}>
        {t('overlay_openArchive')}
      </button>
      {running && (
        <button type="button" class="secondary" data-action="cancel" onClick={() => void callArchive('archive.cancel', { jobId: job.id })}>
          {t('overlay_cancel')}
        </button>
      )}
    </div>
  );
}

export const bulkBar: Feature = {
  id: 'bulk-bar',
  init({ signal, store, document, wxt }) {
    const panel = anchoredPanel({
      wxt,
      signal,
      name: 'ebox-keeper-bulk',
      feature: 'bulk-bar',
      append: 'before',
      isolateEvents: ['click', 'keydown', 'keyup', 'input', 'change'],
      locate: () => {
        const list = inboxList(document);
        return list ? { anchor: list, key: '' } : undefined;
      },
      view: () => <BulkBar store={store} />,
    });
    // The bar also shows what the list now holds (the current filter), so it repaints when the page changes.
    watchDom(
      document.body,
      () => {
        void panel.place();
        panel.paint();
      },
      signal,
    );
    store.subscribe(panel.paint, signal);
  },
};
