// The archive page at 100,000 messages of three companies in Chromium: time to the first usable screen (rows of
// the chosen company shown and clickable) and until the company's mail is searchable, at the first opening (the
// search index built and saved) and at the next (the saved index read), time from a keystroke to the repainted
// results with the company filter on, switching company, and frame time while scrolling.
// Baselines in the same run: a bare IndexedDB getAll of the same messages store, and the same keystrokes on a plain
// input. The store is filled as the extension keeps it: each message with its search row (search-docs-sync.ts).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { launchChromium, SANDBOX_EXTENSION_DIR } from '../e2e/harness/chromium.ts';
import { extensionId, openExtensionPage, serviceWorker } from '../e2e/harness/extension.ts';
import { storedSearchDocOf } from '../../extension/src/search/search-doc.ts';
import { archiveCorpus, CORPUS_COMPANIES } from './archive-corpus.ts';

if (!existsSync(`${SANDBOX_EXTENSION_DIR}/manifest.json`)) {
  if (spawnSync('npm', ['run', 'build:sandbox'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const N = 100_000;
const browser = await launchChromium();
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
let failed = false;
try {
  await serviceWorker(browser);
  const loader = await openExtensionPage(browser, 'options.html');
  // The service worker creates the archive's database (current schema) on start; wait for it, then fill it directly.
  await loader.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        void indexedDB.databases().then((dbs) => {
          if (!dbs.some((d) => d.name === 'ebox-keeper-archive')) return resolve(false);
          const open = indexedDB.open('ebox-keeper-archive');
          open.onsuccess = () => {
            const ok = open.result.objectStoreNames.contains('searchDocs');
            open.result.close();
            resolve(ok);
          };
          open.onerror = () => resolve(false);
        });
      }),
    { polling: 200, timeout: 60_000 },
  );
  const records = archiveCorpus(N);
  const companies = CORPUS_COMPANIES.map((cbe, i) => ({ cbe, name: ['Boulangerie François Dupont SRL', 'Brouwerij Van den Broeck BV', 'Müller & Söhne Logistik AG'][i], lastSeenAt: `2026-11-0${i + 1}T09:00:00.000Z` }));
  for (let i = 0; i < N; i += 5000) {
    const chunk = records.slice(i, i + 5000);
    await loader.evaluate(
      (messages: unknown[], docs: unknown[], companies: unknown[]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('ebox-keeper-archive');
          open.onsuccess = () => {
            const tx = open.result.transaction(['messages', 'searchDocs', 'companies'], 'readwrite');
            for (const r of messages) tx.objectStore('messages').put(r);
            for (const d of docs) tx.objectStore('searchDocs').put(d);
            for (const c of companies) tx.objectStore('companies').put(c);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      chunk as unknown[],
      chunk.map(storedSearchDocOf) as unknown[],
      companies as unknown[],
    );
  }
  const rawReadMs = await loader.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        const open = indexedDB.open('ebox-keeper-archive');
        open.onsuccess = () => {
          const req = open.result.transaction('messages').objectStore('messages').getAll();
          req.onsuccess = () => (open.result.close(), resolve(performance.now() - t0));
        };
      }),
  );

  // Opened the way a user opens it: a new tab on archive.html, timed from the navigation's start.
  const id = await extensionId(browser);
  const open = async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${id}/archive.html`, { waitUntil: 'domcontentloaded' });
    // Timed in the page at the DOM change that shows the rows (a later evaluate would wait behind the index load).
    const at = (selector: string) =>
      page
        .waitForFunction(
          (sel: string) => {
            const count = document.querySelector('[data-part=result-count]');
            return document.querySelector(sel) && count ? { ms: performance.now(), company: count.getAttribute('data-company'), count: Number(count.getAttribute('data-count')) } : false;
          },
          { polling: 'mutation', timeout: 180_000 },
          selector,
        )
        .then((h) => h.jsonValue() as Promise<{ ms: number; company: string | null; count: number }>);
    const first = await at('.vlist .result[data-message-id]');
    const searchable = await at('.archive-page[data-ready=index]');
    return { page, firstScreenMs: first.ms, shown: { company: first.company, count: first.count }, searchableMs: searchable.ms };
  };
  const savedIndexes = () =>
    loader.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('ebox-keeper-archive');
          open.onsuccess = () => {
            const req = open.result.transaction('searchIndexes').objectStore('searchIndexes').count();
            req.onsuccess = () => (open.result.close(), resolve(req.result));
          };
        }),
    );
  // The first opening builds each company's index (the chosen one first, the others in the background) and saves them.
  const opening1 = await open();
  while ((await savedIndexes()) < CORPUS_COMPANIES.length) await new Promise((r) => setTimeout(r, 500));
  await opening1.page.close();
  const { page, firstScreenMs, shown, searchableMs } = await open();
  // Measured once every company's index is in memory (loaded one after the other in the background).
  await page.waitForSelector(`.archive-page[data-indexed-companies="${CORPUS_COMPANIES.length}"]`, { timeout: 180_000 });
  const perCompany = N / CORPUS_COMPANIES.length;

  const typeLatencies = (selector: string) =>
    page.evaluate(async (selector: string) => {
      const input = document.querySelector<HTMLInputElement>(selector)!;
      const out: { ms: number; searchMs: number }[] = [];
      for (const query of ['f', 'fr', 'fra', 'fran', 'franc', 'franco', 'francoi', 'francois', 'francois ', 'francois d', 'francois de', 'francois dec', '', 'b', 'be', 'bek', 'beke', 'bekend', 'rijksdienst', 'ref-1', 'ref-12', 'ref-123']) {
        performance.clearMeasures('archive-search');
        const t = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        out.push({ ms: performance.now() - t, searchMs: performance.getEntriesByName('archive-search').at(-1)?.duration ?? 0 });
      }
      return out;
    }, selector);
  const ours = await typeLatencies('input[name=q]');
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input id="plain">'));
  const plain = await typeLatencies('#plain');
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[name=q]')!;
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });

  // Switching company: from choosing it in the switcher to its rows painted.
  const switches = await page.evaluate(async (keys: string[]) => {
    const select = document.querySelector<HTMLSelectElement>('[data-part=company-switcher] select')!;
    const out: number[] = [];
    for (const key of [...keys, ...keys]) {
      const t = performance.now();
      select.value = key;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      // No named inner functions: tsx (esbuild keepNames) would wrap them in a helper the page does not have.
      while (!(document.querySelector(`[data-part=result-count][data-company="${key}"]`) && document.querySelector(`.vlist .result[data-company="${key}"]`))) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t);
    }
    return out;
  }, [CORPUS_COMPANIES[1], CORPUS_COMPANIES[2], CORPUS_COMPANIES[0]] as string[]);

  const frames = await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('.vlist')!;
    const out: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      list.scrollTop = (i * 997 * 58) % (list.scrollHeight - list.clientHeight);
      list.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      out.push(performance.now() - t);
    }
    return out;
  });

  const keyMs = ours.map((o) => o.ms);
  const searchP95 = pct(ours.map((o) => o.searchMs), 0.95);
  const ratio = Math.max(firstScreenMs, opening1.firstScreenMs) / rawReadMs;
  console.log(`archive page with ${N} messages of ${CORPUS_COMPANIES.length} companies (${shown.count} shown for ${shown.company}):`);
  console.log(`  first usable screen ${opening1.firstScreenMs.toFixed(0)} ms at the first opening, ${firstScreenMs.toFixed(0)} ms at the next; baseline bare IndexedDB getAll of the messages store ${rawReadMs.toFixed(0)} ms (worse ratio ${ratio.toFixed(2)}, target <= 0.20 and < 1000 ms)`);
  console.log(`  company's mail searchable after ${opening1.searchableMs.toFixed(0)} ms at the first opening (index built and saved), ${searchableMs.toFixed(0)} ms at the next (saved index read)`);
  console.log(`  keystroke to repainted results, company filter on: p50 ${pct(keyMs, 0.5).toFixed(1)} ms, p95 ${pct(keyMs, 0.95).toFixed(1)} ms; search itself p95 ${searchP95.toFixed(1)} ms (target < 20 ms)`);
  console.log(`  baseline keystroke on a plain input: p50 ${pct(plain.map((o) => o.ms), 0.5).toFixed(1)} ms, p95 ${pct(plain.map((o) => o.ms), 0.95).toFixed(1)} ms`);
  console.log(`  switching company to painted rows: p50 ${pct(switches, 0.5).toFixed(1)} ms, max ${Math.max(...switches).toFixed(1)} ms (target < 100 ms)`);
  console.log(`  scrolling the virtualised list: two frames p50 ${pct(frames, 0.5).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms (two 60 Hz frames = 33 ms)`);
  if (shown.count !== perCompany && Math.abs(shown.count - perCompany) > 1) failed = true;
  if (searchP95 >= 20 || ratio > 0.2 || Math.max(firstScreenMs, opening1.firstScreenMs) >= 1000 || Math.max(...switches) >= 100) failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
