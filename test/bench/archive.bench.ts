// The archive in a real browser (Chromium + the built test extension + the sandbox), against baselines measured in
// the same run:
// 1. decorating a 100-row inbox: main-thread time of the overlay after the rows appear (target < 16 ms) and the
//    longest task (target < 50 ms), beside the time the page itself took to insert those rows;
// 2. bulk archiving ~1,000 messages with their documents from the sandbox, against a plain loop that fetches the
//    same documents and puts them into IndexedDB in the same extension origin (target >= 80 %).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Page } from 'puppeteer-core';
import { startSandbox } from '../sandbox/start-sandbox.ts';
import { launchChromium, SANDBOX_EXTENSION_DIR } from '../e2e/harness/chromium.ts';
import { openExtensionPage } from '../e2e/harness/extension.ts';
import { signIn } from '../e2e/harness/sandbox-app.ts';

if (!existsSync(`${SANDBOX_EXTENSION_DIR}/manifest.json`)) {
  console.log('building the test extension (npm run build:sandbox)…');
  if (spawnSync('npm', ['run', 'build:sandbox'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const sandbox = await startSandbox({ seed: 5, size: 1_100, now: new Date('2026-11-23T09:30:00Z') });
const browser = await launchChromium();
let failed = false;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function decorationRound(page: Page, round: number) {
  return page.evaluate(async (round: number) => {
    const table = document.querySelector('table.message-list tbody')!;
    document.querySelectorAll('tr[data-bench-clone]').forEach((r) => r.remove());
    const originals = [...table.querySelectorAll<HTMLElement>('tr.message-row')].slice(0, 25);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    performance.clearMeasures();
    // The page renders 75 more rows at once (as an app showing 100 per page would): copies of its rows.
    const t0 = performance.now();
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < 75; i++) {
      const row = originals[i % originals.length]!.cloneNode(true) as HTMLElement;
      row.dataset.benchClone = String(round);
      fragment.append(row);
    }
    table.append(fragment);
    const insertMs = performance.now() - t0;
    const deadline = performance.now() + 5000;
    while ([...table.querySelectorAll('tr.message-row')].some((r) => r.querySelectorAll('ebox-keeper-row').length !== 1)) {
      if (performance.now() > deadline) throw new Error('rows not decorated in 5 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    const overlayMs = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('ebox-keeper:')).reduce((n, m) => n + m.duration, 0);
    return { rows: table.querySelectorAll('tr.message-row').length, insertMs, overlayMs, longestTask: Math.max(0, ...longTasks) };
  }, round);
}

try {
  const page = await browser.newPage();
  await signIn(page, sandbox);
  await page.waitForFunction(() => document.querySelectorAll('tr.message-row ebox-keeper-row').length === 25);
  const rounds = [];
  for (let i = 0; i < 12; i++) rounds.push(await decorationRound(page, i));
  const measured = rounds.slice(2); // the first rounds warm up the JIT
  const overlay = measured.map((r) => r.overlayMs);
  const insert = measured.map((r) => r.insertMs);
  const longest = Math.max(...measured.map((r) => r.longestTask));
  console.log(`decorate ${measured[0]!.rows}-row inbox: overlay main-thread median ${median(overlay).toFixed(2)} ms, max ${Math.max(...overlay).toFixed(2)} ms (target < 16 ms)`);
  console.log(`  baseline (the page inserting the rows): median ${median(insert).toFixed(2)} ms; ratio overlay/page ${(median(overlay) / median(insert)).toFixed(1)}x`);
  console.log(`  longest task in the window: ${longest.toFixed(0)} ms (target: no overlay task over 50 ms)`);
  // Gate on the median: on a shared two-core machine a single round can be preempted by other processes.
  if (median(overlay) >= 16 || longest > 50) failed = true;

  // Bulk archive: the list URL the app itself uses, walked by the service worker's job.
  const listUrl = `${sandbox.apiUrl}/ebox/messages?page=1&pageSize=25&visible=true`;
  // A quiet extension page (options) drives both runs: the archive page would reload itself as the archive grows.
  const ext = await openExtensionPage(browser, 'options.html');
  const baseline = () =>
    ext.evaluate(async (listUrl: string) => {
      const sessions = (await chrome.storage.session.get('registry.sessions'))['registry.sessions'] as Record<string, string>;
      const base = listUrl.replace(/\/ebox\/messages.*$/, '');
      const headers = { Authorization: sessions[base]! };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(`bench-baseline-${Math.random()}`, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('docs');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const t0 = performance.now();
      let messages = 0, bytes = 0;
      for (let page = 1; ; page++) {
        const url = new URL(listUrl);
        url.searchParams.set('page', String(page));
        url.searchParams.set('pageSize', '100');
        const list = (await (await fetch(url, { headers })).json()) as { items: { messageId: string; attachments?: { items: { attachmentId: string }[] } }[] };
        for (const m of list.items) {
          const blobs: [string, Blob][] = [];
          for (const a of m.attachments?.items ?? []) {
            const blob = await (await fetch(`${base}/ebox/messages/${m.messageId}/attachments/${a.attachmentId}/content`, { headers })).blob();
            bytes += blob.size;
            blobs.push([`${m.messageId}/${a.attachmentId}`, blob]);
          }
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction('docs', 'readwrite');
            for (const [k, b] of blobs) tx.objectStore('docs').put(b, k);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          messages++;
        }
        if (list.items.length < 100) break;
      }
      const ms = performance.now() - t0;
      db.close();
      return { messages, bytes, ms };
    }, listUrl);
  const ours = () =>
    ext.evaluate(async (listUrl: string) => {
      const t0 = performance.now();
      const job = (await chrome.runtime.sendMessage({ kind: 'ebox-keeper/archive', method: 'archive.bulk', params: { listUrl, by: 'bench' } })) as { ok: boolean; value: { id: string }; error?: { message: string } };
      if (!job.ok) throw new Error(job.error?.message);
      let listedMs = 0;
      for (;;) {
        const jobs = ((await chrome.storage.local.get('archive.jobs'))['archive.jobs'] ?? []) as { id: string; status: string; done: number; bytes: number; failed: unknown[]; listing?: unknown }[];
        const j = jobs.find((x) => x.id === job.value.id);
        if (j && !j.listing && !listedMs) listedMs = performance.now() - t0;
        if (j && j.status !== 'running') return { messages: j.done, bytes: j.bytes, ms: performance.now() - t0, listedMs, status: j.status, failed: j.failed.length };
        await new Promise((r) => setTimeout(r, 20));
      }
    }, listUrl);

  const warm = await baseline(); // renders and caches every sandbox document once
  const ourRun = await ours();
  const base = await baseline();
  const rate = (r: { messages: number; ms: number }) => (r.messages / r.ms) * 1000;
  console.log(`bulk archive ${ourRun.messages} messages (${(ourRun.bytes / 1e6).toFixed(1)} MB), status ${ourRun.status}, ${ourRun.failed} failed: ${rate(ourRun).toFixed(0)} msg/s, ${(ourRun.bytes / 1e6 / (ourRun.ms / 1000)).toFixed(1)} MB/s in ${(ourRun.ms / 1000).toFixed(1)} s`);
  console.log(`  of which walking the list (${Math.ceil(ourRun.messages / 100)} pages, recording every message as seen): ${(ourRun.listedMs / 1000).toFixed(1)} s`);
  console.log(`  baseline plain fetch + IndexedDB loop: ${rate(base).toFixed(0)} msg/s in ${(base.ms / 1000).toFixed(1)} s (warm-up pass ${(warm.ms / 1000).toFixed(1)} s)`);
  const ratio = rate(ourRun) / rate(base);
  console.log(`  ratio ours/baseline: ${(ratio * 100).toFixed(0)} % (target >= 80 %)`);
  if (ratio < 0.8 || ourRun.status !== 'done' || ourRun.messages !== base.messages) failed = true;
} finally {
  await browser.close();
  await sandbox.close();
}
process.exit(failed ? 1 : 0);
