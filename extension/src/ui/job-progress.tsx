// A bulk job's progress (messages, bytes, time left, failures), shared by the overlay's bulk bar, the side panel and
// the popup; and, when the job waits before unread registered mail, the question: archive them (which opens them in
// the e-Box) and acknowledge, or skip them.
import { currentIntlLocale, t, tn } from '../i18n/i18n.ts';
import { timeLeftMs, type BulkJob, type UnreadRegisteredChoice } from '../jobs/bulk-job.ts';
import { callWorker } from '../messaging/client.ts';
import { formatBytes, formatDuration } from '../overlay/format.ts';

export function UnreadRegisteredQuestion({ job }: { job: BulkJob }) {
  const choose = (choice: UnreadRegisteredChoice) => void callWorker('archive.choose', { jobId: job.id, choice }).catch((e: unknown) => alert(t('overlay_error', e instanceof Error ? e.message : String(e))));
  return (
    <div class="notice question" role="alertdialog" data-part="unread-registered" data-count={job.awaiting?.length ?? 0}>
      <p>{tn('sidepanel.unreadRegistered', job.awaiting?.length ?? 0)}</p>
      <div class="row">
        <button type="button" class="primary" data-action="acknowledge-unread" onClick={() => choose('acknowledge')}>
          {t('sidepanel.archiveAndAcknowledge')}
        </button>
        <button type="button" class="secondary" data-action="skip-unread" onClick={() => choose('skip')}>
          {t('sidepanel.skipUnread')}
        </button>
      </div>
    </div>
  );
}

export function JobProgress({ job }: { job: BulkJob }) {
  const locale = currentIntlLocale();
  const left = timeLeftMs(job);
  const total = job.listing?.totalItems ?? job.total;
  const summary =
    job.status === 'done' ? t('overlay_jobDone', job.done - job.failed.length, formatBytes(job.bytes, locale))
    : job.status === 'cancelled' ? t('companies.bulkCancelled', job.done - job.failed.length, total)
    : job.status === 'failed' ? t('overlay_jobError', job.error ?? '')
    : job.status === 'awaiting-choice' ? t('sidepanel.jobWaiting')
    : t('overlay_progress', job.done, total, formatBytes(job.bytes, locale)) + (left !== undefined ? ` · ${t('overlay_timeLeft', formatDuration(left, locale))}` : '');
  return (
    <div class="progress" data-job-id={job.id} data-status={job.status} data-done={job.done} data-total={total}>
      {job.status === 'awaiting-choice' && <UnreadRegisteredQuestion job={job} />}
      <progress max={Math.max(total, 1)} value={job.done} />
      <span class={`status${job.status === 'failed' ? ' error' : ''}`} role="status">
        {summary}
        {job.failed.length > 0 && ` · ${t('overlay_jobFailures', job.failed.length)}`}
        {(job.skipped?.length ?? 0) > 0 && <span data-part="skipped"> · {tn('sidepanel.skipped', job.skipped!.length)}</span>}
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
