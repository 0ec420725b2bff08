// The sandbox's data generator at benchmark size: 10,000 messages, against a baseline of 10,000 plain JSON
// objects of the same shape made in the same run; then document rendering and the registry's search over 10,000.
import { performance } from 'node:perf_hooks';
import { COMPANIES } from '../sandbox/data/catalogue.ts';
import { generateMessages } from '../sandbox/data/generate.ts';
import { materialise, newMailbox } from '../sandbox/data/mailbox.ts';
import { registryApp } from '../sandbox/registry/registry-app.ts';
import { tokenFor } from '../sandbox/sandbox-state.ts';
import { createSandboxState, populateSandbox } from '../sandbox/start-sandbox.ts';
import { REGISTRY_BASE_PATHS } from '../../shared/ebox/registry-api.ts';

const N = 10_000;
const RUNS = 5;
const now = new Date('2026-11-23T10:00:00Z');
const options = { seed: 1, company: COMPANIES[0]!, now, links: { qerdsConsignment: (id: string) => `http://localhost/qerds/${id}` } };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Baseline: the same number of message-shaped plain objects, no realism (no types, dates, texts, documents). */
function plainObjects(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    messageId: `m-${i}`,
    subject: { fr: `Sujet ${i}`, nl: `Onderwerp ${i}`, de: `Betreff ${i}` },
    receiptDate: new Date(now.getTime() - i * 60_000),
    expirationDate: new Date(now.getTime() + i * 60_000),
    readStatus: i % 3 === 0,
    visible: true,
    registeredMail: i % 7 === 0,
    messageTypeId: 'T',
    senderOrganizationId: '0206731645',
    documents: [{ attachmentId: `a-${i}`, fileName: `d${i}.pdf` }],
    businessData: [],
  }));
}

// Warm-up, so both sides are measured with the JIT done.
generateMessages(options, 500);
plainObjects(500);

const gen = Array.from({ length: RUNS }, () => time(() => generateMessages(options, N)));
const base = Array.from({ length: RUNS }, () => time(() => plainObjects(N)));
const g = median(gen);
const b = median(base);
console.log(`generate ${N} messages: median ${g.toFixed(0)} ms (${Math.round((N / g) * 1000).toLocaleString('en')} msgs/s) over ${RUNS} runs`);
console.log(`baseline ${N} plain objects: median ${b.toFixed(1)} ms (${Math.round((N / b) * 1000).toLocaleString('en')} objs/s)`);
console.log(`ratio generator/baseline: ${(g / b).toFixed(1)}x`);

// Document bytes are rendered on first use: the cost a listed page pays once.
const mailbox = newMailbox(COMPANIES[0]!, generateMessages(options, 200));
const docs = mailbox.messages.flatMap((m) => m.documents);
const t0 = performance.now();
await Promise.all(docs.map((d) => materialise(d)));
const renderMs = performance.now() - t0;
const bytes = (await Promise.all(docs.map((d) => materialise(d)))).reduce((n, d) => n + d.bytes.length, 0);
console.log(`render ${docs.length} documents of 200 messages: ${renderMs.toFixed(0)} ms (${((docs.length / renderMs) * 1000).toFixed(0)} docs/s, ${(bytes / 1024).toFixed(0)} KiB)`);

// The registry's accent-insensitive search over the whole 10,000 (first query builds the folded index).
const sbOptions = { seed: 1, size: N, now };
const { state } = createSandboxState(sbOptions);
populateSandbox(state, sbOptions, { appUrl: 'http://localhost:5999', qerdsUrl: 'http://127.0.0.1:5998' });
const app = registryApp(state);
const token = tokenFor(state, COMPANIES[0]!.enterpriseNumber);
const list = (q: string) => app.request(`http://127.0.0.1${REGISTRY_BASE_PATHS['v2.1']}/ebox/messages?pageSize=1&${q}`, { headers: { Authorization: `Bearer ${token}` } });
const first = performance.now();
const firstRes = (await (await list('q=francois&qlang=fr')).json()) as { totalItems: number };
const firstMs = performance.now() - first;
const searches: number[] = [];
for (const q of ['q=regularisation&qlang=fr', 'q=bekendmaking&qlang=nl', 'q=mitteilung&qlang=de', 'q=tva&qlang=fr', 'q=onss&qlang=fr']) {
  const t = performance.now();
  await (await list(q)).json();
  searches.push(performance.now() - t);
}
const filters = performance.now();
await (await list('registeredMail=true&readStatus=false')).json();
console.log(`search q over ${N}: first ${firstMs.toFixed(0)} ms (${firstRes.totalItems} hits, builds folded text), then median ${median(searches).toFixed(1)} ms; boolean filters ${(performance.now() - filters).toFixed(1)} ms`);
