// The one typed registry of calls between content scripts, extension pages (popup, archive, options, side panel)
// and the service worker. Each capability declares its methods in its own folder (ProofsApi, BundlesApi...); this
// file joins them. A call names a method; the service worker runs the same-named handler and answers its result or
// its error (never a silent undefined).
import type { ArchiveOutcome } from '../archive/archive-message.ts';
import type { SeenMessage } from '../archive/messages.ts';
import type { Label } from '../archive/records.ts';
import type { BundlesApi } from '../bundles/bundle-protocol.ts';
import type { PageFactsApi } from '../ebox-adapter/page-facts-api.ts';
import type { Observation } from '../ebox-adapter/registry-observations.ts';
import type { EboxCompany } from '../ebox-adapter/selectors.ts';
import type { ExpiryApi } from '../expiry/expiry-protocol.ts';
import type { BulkJob, UnreadRegisteredChoice } from '../jobs/bulk-job.ts';
import type { PanelApi } from '../panel/panel-api.ts';
import type { ProofsApi } from '../proofs/proofs-api.ts';
import type { RulesRun } from '../rules/apply.ts';
import type { HelperApi } from '../settings/helper-requests.ts';
import type { KeptApi } from '../helper-kept/kept-api.ts';
import type { I18nApi } from '../i18n/message-catalog.ts';

/** What the overlay and the side panel show of a message. */
export interface FilingView {
  messageId: string;
  labels: string[];
  tags: string[];
  note: string;
  archived: boolean;
  integrity?: 'ok' | 'mismatch';
  missingDocuments: number;
  archivedAt?: string;
  archivedBy?: string;
}

export interface ArchiveApi {
  /** The content script saw a registry answer: record messages, names and session; answers their filing. */
  'registry.observed': (o: Observation) => FilingView[];
  'filing.get': (p: { ids: string[] }) => FilingView[];
  'filing.set': (p: { messageId: string; labels?: string[]; tags?: string[]; note?: string }) => FilingView;
  /** The labels usable for a company's mail: its own and those of every company (default: the open e-Box's). */
  'labels.list': (p: { enterprise?: string }) => Label[];
  /** In the label set of `enterprise`; from an e-Box page (no company given), the company whose e-Box is open. */
  'labels.create': (p: { name: string; color: string; parentId?: string; enterprise?: string }) => Label;
  /** Archives one seen message now (the popup's and the filing panel's "archive now"). */
  'archive.one': (p: { messageId: string; by?: string }) => ArchiveOutcome;
  /** Starts a bulk job over ids, or over every message of a registry list URL (the current filter). Before unread
   *  registered mail, the job waits for the user's choice unless given here. `tabId`: the e-Box tab a side panel
   *  is bound to (a content script's own tab is known without it). */
  'archive.bulk': (p: { ids?: string[]; listUrl?: string; by?: string; unreadRegistered?: UnreadRegisteredChoice; tabId?: number }) => BulkJob;
  /** The user's answer to a job waiting before unread registered mail. */
  'archive.choose': (p: { jobId: string; choice: UnreadRegisteredChoice }) => BulkJob;
  'archive.cancel': (p: { jobId: string }) => BulkJob | undefined;
  /** Runs the rules over the archive of one company (a key) or of every company ('*', the default). */
  'rules.run': (p: { enterprise?: string }) => RulesRun;
  'seen.list': () => SeenMessage[];
  'seen.isArchived': (p: { messageId: string }) => boolean;
  /** The company whose e-Box the content script sees: bundles and their report are made in its name. */
  'ebox.companySeen': (p: EboxCompany) => void;
  /** Opens the archive page in a tab (content scripts cannot open extension pages themselves). */
  'archive.openPage': () => void;
}

export interface WorkerApi extends ArchiveApi, ProofsApi, BundlesApi, ExpiryApi, HelperApi, PanelApi, PageFactsApi, I18nApi, KeptApi {}

export type Method = keyof WorkerApi;
export type Params<M extends Method> = Parameters<WorkerApi[M]> extends [infer P] ? P : undefined;
export type Result<M extends Method> = ReturnType<WorkerApi[M]>;

export const WORKER_CALL = 'ebox-keeper/call';

export interface Request<M extends Method = Method> {
  kind: typeof WORKER_CALL;
  method: M;
  params: Params<M>;
}

export type Reply<M extends Method = Method> = { ok: true; value: Result<M> } | { ok: false; error: { name: string; message: string } };

/** Where the service worker publishes bulk jobs' progress (browser.storage.local), for overlay, panel and popup. */
export const JOBS_STORAGE_KEY = 'archive.jobs';
