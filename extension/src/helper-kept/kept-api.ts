// The helper's own sync as the extension's pages reach it (only the service worker may call 127.0.0.1): the
// options page's status and "sync now", the archive page's kept messages and their documents, and the kept
// messages whose expiry the badge and popup count. Every call answers null when no helper is paired.
import { z } from 'zod';
import type { SyncStatus } from '../../../shared/helper-api/sync.ts';
import { sha256Schema } from '../../../shared/digest.ts';
import { HelperClient } from '../helper-client/helper-client.ts';
import { saveFromHelper } from '../helper-client/helper-downloads.ts';
import { callWorker } from '../messaging/client.ts';
import { serve, type Handlers, type ParamSchemas } from '../messaging/server.ts';
import { loadHelperConnection } from '../settings/helper-connection.ts';
import type { KeptMessage } from './kept-rows.ts';

/** One page of the helper's list; a company's kept mail is read page by page up to MAX_KEPT. */
const PAGE = 1000;
/** Beyond this many kept messages per read the archive page shows the newest (its list holds them all in memory). */
export const MAX_KEPT = 20_000;

const keptMessagesSchema = z.object({ enterprise: z.string().regex(/^[01]\d{9}$/).optional(), expiringWithinDays: z.int().min(0).max(3650).optional() });
const documentSchema = z.object({ sha256: sha256Schema, fileName: z.string().min(1).max(255) });

export interface KeptApi {
  'kept.status': () => SyncStatus | null;
  /** Starts a sync of every consumer account; false when one is running or no account exists. */
  'kept.syncNow': () => boolean | null;
  'kept.messages': (p: z.input<typeof keptMessagesSchema>) => KeptMessage[] | null;
  /** A kept document's bytes (base64: the call's answer is JSON), to open in a tab. */
  'kept.documentBytes': (p: z.input<typeof documentSchema>) => { base64: string } | null;
  /** Saves a kept document into the user's downloads, streamed by the browser from the helper. */
  'kept.saveDocument': (p: z.input<typeof documentSchema>) => { filename: string } | null;
}

// ---- pages ----

export const askSyncStatus = () => callWorker('kept.status');
export const askSyncNow = () => callWorker('kept.syncNow');
export const askKeptMessages = (enterprise?: string) => callWorker('kept.messages', enterprise ? { enterprise } : {});
export async function askKeptDocument(sha256: string, fileName: string, mediaType: string): Promise<Blob | null> {
  const answer = await callWorker('kept.documentBytes', { sha256, fileName });
  if (!answer) return null;
  return new Blob([Uint8Array.from(atob(answer.base64), (c) => c.charCodeAt(0))], { type: mediaType });
}
export const askSaveKeptDocument = (sha256: string, fileName: string) => callWorker('kept.saveDocument', { sha256, fileName });

// ---- service worker ----

async function client(): Promise<HelperClient | null> {
  const c = await loadHelperConnection();
  return c.pairing ? new HelperClient({ port: c.port, secret: c.pairing.secret }) : null;
}

/** Every kept message of a company (or all), page by page, newest first. */
export async function readKept(helper: HelperClient, enterprise?: string, expiringWithinDays?: number): Promise<KeptMessage[]> {
  const out: KeptMessage[] = [];
  for (let offset = 0; offset < MAX_KEPT; offset += PAGE) {
    const page = await helper.keptMessages(enterprise, PAGE, offset, expiringWithinDays);
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function keptHandlers(): Handlers<keyof KeptApi> {
  return {
    'kept.status': async () => (await client())?.syncStatus() ?? null,
    'kept.syncNow': async () => (await client())?.syncNow() ?? null,
    'kept.messages': async ({ enterprise, expiringWithinDays }) => {
      const helper = await client();
      return helper ? readKept(helper, enterprise, expiringWithinDays) : null;
    },
    'kept.documentBytes': async ({ sha256 }) => {
      const helper = await client();
      return helper ? { base64: toBase64(new Uint8Array(await (await helper.documentBytes(sha256)).arrayBuffer())) } : null;
    },
    'kept.saveDocument': async ({ sha256, fileName }) => {
      const helper = await client();
      if (!helper) return null;
      const saved = await saveFromHelper(helper, `/documents/${encodeURIComponent(sha256)}`, fileName.replace(/[\\/:*?"<>|]/g, '_'));
      return { filename: saved.filename };
    },
  };
}

export const keptSchemas: ParamSchemas<keyof KeptApi> = { 'kept.messages': keptMessagesSchema, 'kept.documentBytes': documentSchema, 'kept.saveDocument': documentSchema };

/** Serves the calls; once from background.ts. */
export function registerKeptRequests(): void {
  serve(keptHandlers(), keptSchemas);
}
