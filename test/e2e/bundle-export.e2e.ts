// Issue 7's done criterion, end to end: messages archived in the extension from the sandbox e-Box, some of them
// acknowledged through a real helper process; on the archive page 20 are selected and exported as an evidence
// bundle; the .asice lands in the browser's download folder; the real `ebox-keeper verify-bundle` passes on it, and fails
// naming the file when one byte is flipped in a document, the manifest, the signature, report.pdf or a receipt.
// Then an export cancelled while the helper writes leaves no file in the helper's bundle folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { AcknowledgeRequest } from '../../shared/helper-api/receipts.ts';
import { SECRET_HEADER } from '../../shared/helper-api/protocol.ts';
import { materialise } from '../sandbox/data/mailbox.ts';
import { startTsa, type RunningTsa } from '../tsa/server.ts';
import { createTimestampAuthority } from '../tsa/authority.ts';
import { answerBulkQuestions, storedMessages } from './archive-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { evaluateInWorker, openExtensionPage } from './harness/extension.ts';
import { HELPER_BIN, startHelper, type HelperProcess } from './harness/helper-process.ts';
import { signIn } from './harness/sandbox-app.ts';
import { screenshot } from './harness/screenshots.ts';
import { pairExtension } from './harness/pairing.ts';

const env = useE2EEnvironment({ sandbox: { seed: 7, size: 30, now: new Date('2026-11-23T09:30:00Z') } });
const downloads = mkdtempSync(join(tmpdir(), 'bundle-e2e-'));
let tsa: RunningTsa;
let helper: HelperProcess;
let secret = '';
/** While set, the TSA holds its answers: the helper's export then waits, its partial file on disk. */
let hold: Promise<void> | undefined;
let release = () => {};

beforeAll(async () => {
  const authority = await createTimestampAuthority();
  tsa = await startTsa({ authority: { ...authority, respond: async (query) => (await hold, authority.respond(query)) } });
  helper = await startHelper({ args: ['--tsa-url', tsa.url] });
}, 60_000);
afterAll(async () => {
  release();
  await helper?.stop();
  await tsa?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const api = (path: string, body?: unknown) =>
  fetch(`${helper.url}/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { [SECRET_HEADER]: secret, ...(body === undefined ? {} : { 'content-type': 'application/json', origin: `chrome-extension://${env.extensionId}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

function verifyCli(file: string, trust?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [HELPER_BIN, 'verify-bundle', file, '--lang', 'en', ...(trust ? ['--trust', trust] : [])], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Where each entry's bytes start in the zip, from the central directory and each local header. */
function entryData(zip: Buffer): Map<string, { offset: number; size: number }> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, { offset: number; size: number }>();
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    out.set(name, { offset: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28), size });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

async function selectRows(page: Page, ids: string[]) {
  for (const id of ids) {
    const box = `.result[data-message-id="${id}"] input[type=checkbox]`;
    // The list is virtualised: scroll until the row exists.
    for (let top = 0; !(await page.$(box)); top += 300) {
      // Answers after two frames, once the list has rendered the rows of its new scroll position.
      const more = await page.$eval(
        '.vlist',
        (l, y) =>
          new Promise<boolean>((resolve) => {
            l.scrollTop = y;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(l.scrollTop + l.clientHeight < l.scrollHeight)));
          }),
        top,
      );
      if (!more && !(await page.$(box))) throw new Error(`row ${id} not found`);
    }
    // Clicked in the page: the virtual list may replace the row between puppeteer's lookup and its click.
    await page.$eval(box, (b) => (b as HTMLInputElement).click());
    await page.waitForSelector(`${box}:checked`);
  }
}

describe('evidence bundle from the archive page', () => {
  let archivedIds: string[] = [];
  let acknowledged: string[] = [];

  it('archives the mailbox and pairs with the helper, which acknowledges some messages', async () => {
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const stopAnswering = answerBulkQuestions(page, 'ebox-keeper-bulk');
    await page.click('ebox-keeper-bulk >>> button[data-action=archive-matching]:not([disabled])');
    await page.waitForFunction(
      () => document.querySelector('ebox-keeper-bulk')?.shadowRoot?.querySelector('.progress')?.getAttribute('data-status') === 'done',
      { timeout: 90_000, polling: 200 },
    );
    stopAnswering();
    await page.close();
    archivedIds = (await storedMessages(env.browser)).filter((m) => m.archivedAt && !m.integrity?.includes('mismatch')).map((m) => m.messageId);
    expect(archivedIds.length).toBeGreaterThanOrEqual(22);

    secret = await pairExtension(env.browser, env.extensionId, helper);

    // Five of the first twenty are acknowledged through the helper (documents stored, receipt signed).
    const mailbox = new Map(env.sandbox.data.mailbox.messages.map((m) => [m.messageId, m]));
    acknowledged = archivedIds.slice(0, 20).filter((id) => mailbox.get(id)!.documents.length > 0).slice(0, 5);
    for (const id of acknowledged) {
      const m = mailbox.get(id)!;
      const documents: AcknowledgeRequest['documents'] = [];
      for (const d of m.documents.slice(0, 6)) {
        const { bytes, sha256 } = await materialise(d);
        expect((await api('/documents', { sha256, contentBase64: Buffer.from(bytes).toString('base64') })).ok).toBe(true);
        documents.push({ attachmentId: d.attachmentId, fileName: d.fileName, mediaType: d.mediaType, sizeBytes: bytes.length, sha256, eboxDigest: sha256 });
      }
      const request: AcknowledgeRequest = {
        message: { messageId: id, subject: { fr: m.subject.fr ?? id }, senderOrganizationId: m.senderOrganizationId, receiptDate: m.receiptDate.toISOString(), registeredMail: m.registeredMail },
        documents,
        openedAt: '2026-11-23T09:00:00+01:00',
        openedBy: { name: 'Marie Dubois' },
        language: 'fr',
      };
      expect((await api('/receipts', request)).status).toBe(201);
    }
    expect(acknowledged.length).toBe(5);
  });



  it('exports 20 selected messages: the bundle downloads and verify-bundle passes, then fails naming any flipped file', async () => {
    const page = await openExtensionPage(env.browser, 'archive.html');
    await page.setViewport({ width: 1280, height: 900 });
    await page.waitForSelector(`[data-part=result-count][data-count="${(await storedMessages(env.browser)).length}"]`);
    const chosen = archivedIds.slice(0, 20);
    await selectRows(page, chosen);
    await page.click('[data-action=bundle]');
    await page.waitForSelector('[data-part=bundle-what][data-count="20"]');
    await page.click('[data-action=bundle-start]');
    await page.waitForSelector('[data-part=bundle-dialog][data-phase=done]', { timeout: 60_000 });
    await page.waitForSelector('[data-part=bundle-file]');
    const fileName = await page.$eval('[data-part=bundle-file]', (p) => p.getAttribute('data-file')!);
    // Named after the company whose e-Box was open (the first sandbox company), not the helper's development
    // identity; the browser adds " (1)" when the download folder already has one.
    const company = env.sandbox.companies[0]!.name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(fileName).toMatch(new RegExp(`^e-box-bundle-${company}-\\d{4}-\\d{2}-\\d{2}( \\(\\d+\\))?\\.asice$`));
    expect(await page.$eval('[data-part=bundle-without-proof]', (p) => Number(p.getAttribute('data-count')))).toBe(15);
    expect(await page.$eval('[data-part=bundle-findings]', (p) => Number(p.getAttribute('data-count')))).toBe(0);
    await screenshot(page, 'bundle-export');

    // Where the browser saved it, under the name the extension gave. (Browser.setDownloadBehavior would choose
    // the folder, but DevTools then names a data: URL download "download", hiding the name under test.)
    const saved = await evaluateInWorker(env.browser, (name) => chrome.downloads.search({ state: 'complete' }).then((all) => all.filter((d) => d.filename.endsWith(`/${name}`))).then((l) => l.map((d) => ({ id: d.id, path: d.filename }))), fileName);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.path.endsWith(`/${fileName}`)).toBe(true);
    const file = join(downloads, fileName);
    writeFileSync(file, readFileSync(saved[0]!.path));
    await evaluateInWorker(env.browser, (id) => chrome.downloads.removeFile(id), saved[0]!.id);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    // The helper keeps no copy once the extension has the file.
    expect(readdirSync(join(helper.dataDir, 'bundles'))).toEqual([]);

    // The auditor pins the company's certificate (here the helper's signing certificate, as the bundle names it).
    const signerPem = join(downloads, 'signer.pem');
    writeFileSync(signerPem, execFileSync('unzip', ['-p', file, 'certificates/signer.pem']));
    const json = spawnSync(process.execPath, [HELPER_BIN, 'verify-bundle', file, '--json', '--trust', signerPem], { encoding: 'utf8' });
    expect(json.status, json.stdout + json.stderr).toBe(0);
    const v = JSON.parse(json.stdout) as { indication: string; counts: { messages: number }; passed: Record<string, number>; withoutProof: string[] };
    expect(v.indication).toBe('TOTAL_PASSED');
    expect(v.counts.messages).toBe(20);
    expect(v.passed['receipt-signature']).toBe(5);
    expect(v.withoutProof.sort()).toEqual(chosen.filter((id) => !acknowledged.includes(id)).sort());
    const human = verifyCli(file, signerPem);
    expect(human.status).toBe(0);
    // Without a pinned certificate a development identity is no reason to trust: INDETERMINATE, exit 2.
    const unpinned = verifyCli(file);
    expect(unpinned.status).toBe(2);
    expect(unpinned.out).toMatch(/^INDETERMINATE/);
    expect(human.out).toMatch(/no proof\s+15 message\(s\)/);

    const entries = entryData(bytes);
    const firstAcknowledged = [...entries.keys()].find((n) => n.includes(`/${acknowledged[0]}/`) && n.endsWith('receipts/1/receipt.json'))!;
    const aDocument = [...entries.keys()].find((n) => /^messages\/[^/]+\/documents\//.test(n))!;
    for (const target of [aDocument, 'META-INF/ASiCManifest.xml', 'META-INF/signature.p7s', 'report.pdf', firstAcknowledged]) {
      const at = entries.get(target);
      expect(at, target).toBeDefined();
      const flipped = Buffer.from(bytes);
      flipped[at!.offset + Math.floor(at!.size / 2)]! ^= 0x01;
      const out = join(downloads, 'flipped.asice');
      writeFileSync(out, flipped);
      const r = verifyCli(out, signerPem);
      expect(r.status, `${target}\n${r.out}`).toBe(1);
      expect(r.out).toMatch(/^TOTAL_FAILED/);
      expect(r.out).toContain(target);
    }
    await page.close();
    // Eight verify-bundle processes: on a loaded two-core machine each takes several seconds.
  }, 300_000);



  it('cancels an export while the helper writes it, leaving no file in the helper bundle folder', async () => {
    const page = await openExtensionPage(env.browser, 'archive.html');
    await page.setViewport({ width: 1280, height: 900 });
    await page.waitForSelector('[data-part=result-count]');
    // Nothing selected: the whole filter is exported; the TSA holds, so the helper waits with its partial file.
    hold = new Promise((resolve) => (release = resolve));
    await page.click('[data-action=bundle]');
    await page.click('[data-action=bundle-start]');
    await page.waitForSelector('[data-part=bundle-dialog][data-phase=exporting]', { timeout: 30_000 });
    const bundles = join(helper.dataDir, 'bundles');
    for (let i = 0; i < 200 && !readdirSync(bundles).some((f) => f.endsWith('.partial')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(bundles).some((f) => f.endsWith('.partial'))).toBe(true);
    await page.waitForSelector('[data-part=bundle-messages]');
    await page.click('[data-action=bundle-cancel]');
    await page.waitForSelector('[data-part=bundle-dialog][data-phase=cancelled]', { timeout: 30_000 });
    release();
    hold = undefined;
    expect(readdirSync(bundles)).toEqual([]);
    // Nothing was downloaded for the cancelled export.
    const asice = await evaluateInWorker(env.browser, () => chrome.downloads.search({}).then((l) => l.filter((d) => d.filename.endsWith('.asice')).length));
    expect(asice).toBe(1);
    await page.close();
  });
});
