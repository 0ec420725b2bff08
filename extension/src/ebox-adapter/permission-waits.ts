// Archive requests that met a provider the extension may not read from yet (the federation: a registry on an
// origin the user has not allowed). They are kept, not dropped: once the user consents, they run on their own.
// Pure: the service worker stores the list and starts the jobs.
import type { UnreadRegisteredChoice } from '../jobs/bulk-job.ts';

export interface WaitingArchive {
  /** The provider origin the request waits for. */
  origin: string;
  /** The messages of that provider to archive, or the provider's list (its filter) to walk. */
  ids?: string[];
  listUrl?: string;
  by: string;
  person?: string;
  enterprise?: string;
  unreadRegistered?: UnreadRegisteredChoice;
}

/** Adds a request: the same list asked again is kept once; ids asked again join the origin's waiting ids. */
export function addWaiting(list: readonly WaitingArchive[], request: WaitingArchive): WaitingArchive[] {
  if (request.listUrl) return [...list.filter((w) => w.listUrl !== request.listUrl), request];
  const same = list.find((w) => !w.listUrl && w.origin === request.origin && w.enterprise === request.enterprise);
  if (!same) return [...list, request];
  const merged = { ...same, ...request, ids: [...new Set([...(same.ids ?? []), ...(request.ids ?? [])])] };
  return list.map((w) => (w === same ? merged : w));
}

/** Splits the requests into those whose origin is now permitted (to run) and those still waiting. */
export function readyToRun(list: readonly WaitingArchive[], permitted: ReadonlySet<string>): { ready: WaitingArchive[]; waiting: WaitingArchive[] } {
  return { ready: list.filter((w) => permitted.has(w.origin)), waiting: list.filter((w) => !permitted.has(w.origin)) };
}
