// "Archive all expiring" as one of the archive's bulk jobs: it runs in the service worker, so it goes on when the
// popup closes (a popup closes as soon as it loses focus) and resumes after a service-worker restart. The popup
// only starts it and shows its progress, published by the archive in storage.local (JOBS_STORAGE_KEY).
import { useEffect, useState } from 'preact/hooks';
import type { BulkJob } from '@/src/jobs/bulk-job';
import { callWorker } from '@/src/messaging/client';
import { JOBS_STORAGE_KEY } from '@/src/messaging/protocol';
import { readLocal, watchLocal, writeLocal } from '@/src/platform/runtime';

/** Marks the popup's own jobs, to show their progress again when the popup is reopened. */
const POPUP_JOB_KEY = 'popup.archiveAllJob';

export interface ArchiveAllState {
  /** The popup's own job, as last published. */
  job: BulkJob | null;
  running: boolean;
  progress: { done: number; failed: number; total: number } | null;
  failures: Record<string, { kind: 'failed'; error: string }>;
  error: string | null;
  start(ids: string[]): Promise<void>;
}

/** `onProgress` runs at each published step of the job (at most five a second), to refresh the list. */
export function useArchiveAllJob(onProgress: () => void): ArchiveAllState {
  const [job, setJob] = useState<BulkJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stop = new AbortController();
    const follow = (jobs: BulkJob[] | undefined, id: string | undefined) => {
      const mine = jobs?.find((j) => j.id === id);
      if (!mine) return;
      setJob(mine);
      onProgress();
    };
    void Promise.all([readLocal<BulkJob[]>(JOBS_STORAGE_KEY), readLocal<string>(POPUP_JOB_KEY)]).then(([jobs, id]) => {
      // Only a job still running is worth showing again; a finished one is in the counts already.
      const status = jobs?.find((j) => j.id === id)?.status;
      if (status === 'running' || status === 'awaiting-choice') follow(jobs, id);
    });
    watchLocal<BulkJob[]>(JOBS_STORAGE_KEY, (jobs) => void readLocal<string>(POPUP_JOB_KEY).then((id) => follow(jobs, id)), stop.signal);
    return () => stop.abort();
  }, []);

  async function start(ids: string[]): Promise<void> {
    setError(null);
    try {
      const started = await callWorker('archive.bulk', { ids });
      await writeLocal(POPUP_JOB_KEY, started.id);
      setJob(started);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const failures: ArchiveAllState['failures'] = {};
  for (const f of job?.failed ?? []) failures[f.messageId] = { kind: 'failed', error: f.reason };
  return {
    job,
    running: job?.status === 'running' || job?.status === 'awaiting-choice',
    progress: job ? { done: job.done, failed: job.failed.length, total: job.total } : null,
    failures,
    error: error ?? (job?.status === 'failed' ? (job.error ?? null) : null),
    start,
  };
}
