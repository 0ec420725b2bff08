// Reading the extension's archive (IndexedDB in its own origin) from the e2e tests, through the service worker.
import type { Browser, Page } from 'puppeteer-core';
import { evaluateInWorker } from './harness/extension.ts';

export interface StoredDocumentSummary {
  id: string;
  attachmentId: string;
  version: number;
  bytes: number;
  sha256: string;
  digestOk: boolean | null;
  /** base64 of the stored bytes. */
  base64: string;
}

export interface StoredMessageSummary {
  messageId: string;
  labels: string[];
  tags: string[];
  note: string;
  archivedAt?: string;
  archivedBy?: string;
  integrity?: string;
  /** Which generation of the registry contract the message came in. */
  contractVersion: string;
}

/** Every message record (without its documents) in the archive. */
export function storedMessages(browser: Browser): Promise<StoredMessageSummary[]> {
  return evaluateInWorker(browser, () =>
    new Promise<StoredMessageSummary[]>((resolve, reject) => {
      const open = indexedDB.open('ebox-keeper-archive');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('messages').objectStore('messages').getAll();
        req.onsuccess = () => {
          resolve(
            (req.result as (StoredMessageSummary & { message: { contractVersion: string } })[]).map(({ messageId, labels, tags, note, archivedAt, archivedBy, integrity, message }) => ({
              messageId, labels, tags, note, archivedAt, archivedBy, integrity, contractVersion: message.contractVersion,
            })),
          );
          open.result.close();
        };
        req.onerror = () => reject(req.error);
      };
    }),
  );
}

export function storedDocuments(browser: Browser, messageId: string): Promise<StoredDocumentSummary[]> {
  return evaluateInWorker(
    browser,
    (id: string) =>
      new Promise<StoredDocumentSummary[]>((resolve, reject) => {
        const open = indexedDB.open('ebox-keeper-archive');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('documents').objectStore('documents').index('messageId').getAll(id);
          req.onerror = () => reject(req.error);
          req.onsuccess = async () => {
            const docs = req.result as { id: string; attachmentId: string; version: number; bytes: number; sha256: string; digestOk: boolean | null; blob: Blob }[];
            const out: StoredDocumentSummary[] = [];
            for (const d of docs) {
              const bytes = new Uint8Array(await d.blob.arrayBuffer());
              let binary = '';
              for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
              out.push({ id: d.id, attachmentId: d.attachmentId, version: d.version, bytes: d.bytes, sha256: d.sha256, digestOk: d.digestOk, base64: btoa(binary) });
            }
            open.result.close();
            resolve(out);
          };
        };
      }),
    messageId,
  );
}

/** Waits until a shadow-DOM condition holds in the page (selectors with `>>>` are puppeteer's). */
export async function countIn(page: Page, selector: string): Promise<number> {
  return (await page.$$(selector)).length;
}

/** Archiving opens mail in the e-Box's sense: the first bulk job says so once, and a job that would open unread
 *  registered mail waits for the user's choice. Answers both as a user archiving everything would (continue, then
 *  "archive and acknowledge") until the returned function is called. */
export function answerBulkQuestions(page: Page, bar: string): () => void {
  let stopped = false;
  const answers = [`${bar} >>> [data-part=marks-read] [data-action=marks-read-continue]`, `${bar} >>> [data-part=unread-registered] [data-action=acknowledge-unread]`];
  void (async () => {
    while (!stopped && !page.isClosed()) {
      for (const selector of answers) {
        const button = await page.$(selector).catch(() => null);
        if (button) await button.click().catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return () => {
    stopped = true;
  };
}
