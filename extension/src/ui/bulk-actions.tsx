// Archiving many at once, shared by the overlay's bulk bar and the side panel: select the listed messages or take
// "everything matching the current filter" (the list call the app made, with its filter), then follow the job.
// Before the first job, it says once that archiving opens each message, which marks it read in the e-Box.
import { useState } from 'preact/hooks';
import { t, tn } from '../i18n/i18n.ts';
import { callWorker } from '../messaging/client.ts';
import type { OverlayStore } from '../overlay/overlay-store.ts';
import { loadSettings, saveSettings } from '../settings/settings-store.ts';
import { JobProgress } from './job-progress.tsx';

type Start = { ids?: string[]; listUrl?: string };

function MarksReadNotice({ proceed, cancel }: { proceed: (again: boolean) => void; cancel: () => void }) {
  const [never, setNever] = useState(false);
  return (
    <div class="notice question" role="alertdialog" data-part="marks-read">
      <p>{t('sidepanel.marksRead')}</p>
      <label>
        <input type="checkbox" data-action="dont-show-again" checked={never} onChange={(e) => setNever(e.currentTarget.checked)} />
        {t('sidepanel.dontShowAgain')}
      </label>
      <div class="row">
        <button type="button" class="primary" data-action="marks-read-continue" onClick={() => proceed(!never)}>
          {t('sidepanel.continue')}
        </button>
        <button type="button" class="secondary" data-action="marks-read-cancel" onClick={cancel}>
          {t('overlay_cancel')}
        </button>
      </div>
    </div>
  );
}

/** `rowIds`: the messages the current view lists, in order; `by`: the user as known; `tabId`: the e-Box tab. */
export function BulkActions({ store, rowIds, by, tabId }: { store: OverlayStore; rowIds: readonly string[]; by?: string; tabId?: number }) {
  const s = store.get();
  const [asking, setAsking] = useState<Start>();
  const allListed = rowIds.length > 0 && rowIds.every((id) => s.selected.has(id));
  const job = s.jobs.at(-1);
  const busy = job?.status === 'running' || job?.status === 'awaiting-choice';

  const run = async (params: Start) => {
    try {
      await callWorker('archive.bulk', { ...params, ...(by ? { by } : {}), ...(tabId !== undefined ? { tabId } : {}) });
      store.update((st) => st.selected.clear());
    } catch (e) {
      alert(t('overlay_error', e instanceof Error ? e.message : String(e)));
    }
  };
  const start = async (params: Start) => {
    if ((await loadSettings()).warnArchiveMarksRead) setAsking(params);
    else await run(params);
  };

  return (
    <div class="bulk" data-part="bulk-bar">
      <label>
        <input
          type="checkbox"
          class="select"
          checked={allListed}
          aria-label={t('overlay_selectPage')}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            store.update((st) => rowIds.forEach((id) => (on ? st.selected.add(id) : st.selected.delete(id))));
          }}
        />
        {tn('overlay_selectedCount', s.selected.size)}
      </label>
      <button type="button" class="primary" data-action="archive-selected" disabled={!s.selected.size || busy} onClick={() => void start({ ids: [...s.selected] })}>
        {t('overlay_archiveSelected', s.selected.size)}
      </button>
      <button type="button" class="secondary" data-action="archive-matching" disabled={!s.list || busy} onClick={() => s.list && void start({ listUrl: s.list.listUrl })}>
        {t('overlay_archiveAllMatching', s.list?.totalItems ?? '…')}
      </button>
      {asking && (
        <MarksReadNotice
          cancel={() => setAsking(undefined)}
          proceed={(again) => {
            const params = asking;
            setAsking(undefined);
            void (again ? Promise.resolve() : saveSettings({ warnArchiveMarksRead: false }).then(() => undefined)).then(() => run(params));
          }}
        />
      )}
      {job && <JobProgress job={job} />}
      <button type="button" class="secondary" data-action="open-archive" onClick={() => void callWorker('archive.openPage')}>
        {t('overlay_openArchive')}
      </button>
      {busy && (
        <button type="button" class="secondary" data-action="cancel" onClick={() => void callWorker('archive.cancel', { jobId: job.id })}>
          {t('overlay_cancel')}
        </button>
      )}
    </div>
  );
}
