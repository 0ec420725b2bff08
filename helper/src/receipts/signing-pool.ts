// Signing threads for acknowledgements. The main thread keeps what must stay single: the HTTP listener with every
// route's state, and the proof store's one writer. What is CPU-bound and stateless (JSON parse, schema check,
// canonical receipt, CMS signature: about half of an acknowledgement's CPU) runs here, so a second core works on
// it. Each thread signs with the identity it was last sent; a thread is sent the current identity before the
// first job that needs it, and messages keep their order, so a receipt in flight keeps the identity it started with.
//
// Waking a thread costs more than a signature on a virtual machine (measured: 100+ µs of CPU per acknowledgement
// with one message each way), so jobs travel in batches: every request parsed in one turn of the event loop goes
// in one message, and a batch comes back as one message with one transferred buffer.
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import type { IdentitySummary, SignatureScheme } from '../../../shared/helper-api/identity.ts';
import type { HelperErrorCode } from '../../../shared/helper-api/protocol.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Identity } from '../identity/identity.ts';
import { HelperHttpError } from '../http/errors.ts';
import type { SignedReceipt } from './receipt-signing.ts';

export type ToSigner =
  | { kind: 'identity'; privateKey: KeyObject; chain: Uint8Array[]; scheme: SignatureScheme; development: boolean; summary: IdentitySummary }
  | { kind: 'sign'; jobs: { id: number; body: string; tsaUrl?: string }[] };

export type SignerOutcome =
  /** Leaf then CMS, at `offset` in the batch's buffer. */
  | { id: number; ok: true; receiptId: string; messageId: string; offset: number; leafLength: number; cmsLength: number; timestampedAt?: string }
  | { id: number; ok: false; refusal: { status: ContentfulStatusCode; code: HelperErrorCode; message: string; field?: string } }
  | { id: number; ok: false; failure: string };

export type FromSigner =
  /** Sent once the thread has loaded everything it signs with. */
  | { kind: 'ready' }
  | { kind: 'signed'; outcomes: SignerOutcome[]; bytes: Uint8Array };

// The compiled helper (dist/) runs signing-worker.js; tests run the sources, where it is signing-worker.ts.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './signing-worker.ts' : './signing-worker.js', import.meta.url);

/** The thread signing this job died before answering: nothing was signed or stored, so it may be signed again. */
export class SigningThreadStopped extends Error {
  override name = 'SigningThreadStopped';
}

interface Job {
  resolve: (r: SignedReceipt) => void;
  reject: (e: unknown) => void;
}

class SignerThread {
  readonly worker = new Worker(WORKER_URL);
  private readonly jobs = new Map<number, Job>();
  private batch: { id: number; body: string; tsaUrl?: string }[] = [];
  private nextId = 0;
  private sentIdentity: Identity | null = null;
  private markReady!: () => void;
  /** Settles once the thread is loaded, or has died trying. */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  stopped: Error | null = null;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (m: FromSigner) => (m.kind === 'ready' ? this.markReady() : this.answer(m.outcomes, m.bytes)));
    this.worker.on('error', (err) => this.stop(err));
    this.worker.on('exit', (code) => this.stop(new Error(`the signing thread exited with code ${code}`)));
  }

  get pending(): number {
    return this.jobs.size;
  }

  sign(body: string, identity: Identity, summary: IdentitySummary, tsaUrl: string | undefined): Promise<SignedReceipt> {
    if (this.sentIdentity !== identity) {
      this.send();
      this.worker.postMessage({ kind: 'identity', privateKey: identity.privateKey, chain: identity.chain, scheme: identity.scheme, development: identity.development, summary } satisfies ToSigner);
      this.sentIdentity = identity;
    }
    const id = this.nextId++;
    return new Promise<SignedReceipt>((resolve, reject) => {
      // Only while it has work does the thread keep the process alive.
      if (this.jobs.size === 0) this.worker.ref();
      this.jobs.set(id, { resolve, reject });
      if (this.batch.length === 0) setImmediate(() => this.send());
      this.batch.push({ id, body, ...(tsaUrl ? { tsaUrl } : {}) });
    });
  }

  private send(): void {
    if (this.batch.length === 0 || this.stopped) return;
    this.worker.postMessage({ kind: 'sign', jobs: this.batch } satisfies ToSigner);
    this.batch = [];
  }

  private answer(outcomes: SignerOutcome[], bytes: Uint8Array): void {
    const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const o of outcomes) {
      const job = this.jobs.get(o.id);
      if (!job) continue;
      this.jobs.delete(o.id);
      if (o.ok) {
        job.resolve({
          receiptId: o.receiptId,
          messageId: o.messageId,
          leaf: all.subarray(o.offset, o.offset + o.leafLength),
          cms: all.subarray(o.offset + o.leafLength, o.offset + o.leafLength + o.cmsLength),
          ...(o.timestampedAt ? { timestampedAt: o.timestampedAt } : {}),
        });
      } else if ('refusal' in o) {
        job.reject(new HelperHttpError(o.refusal.status, o.refusal.code, o.refusal.message, o.refusal.field));
      } else {
        job.reject(new Error(`signing the receipt failed: ${o.failure}`));
      }
    }
    if (this.jobs.size === 0) this.worker.unref();
  }

  /** A thread that died takes its jobs with it: they fail (nothing was stored), and the pool starts another. */
  private stop(err: Error): void {
    if (this.stopped) return;
    this.stopped = err;
    if (this.jobs.size > 0) console.error(`helper: a signing thread stopped (${err.message}); its ${this.jobs.size} unanswered requests are handed back`);
    for (const job of this.jobs.values()) job.reject(new SigningThreadStopped(`the signing thread stopped: ${err.message}`));
    this.jobs.clear();
    this.batch = [];
    this.markReady();
  }

  async close(): Promise<void> {
    this.stopped ??= new Error('closed');
    await this.worker.terminate();
  }
}

export class SigningPool {
  private readonly threads: SignerThread[] = [];
  readonly size: number;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`a signing pool needs at least one thread, not ${size}`);
    this.size = size;
  }

  /** Signs on the least busy thread, starting threads on first use and replacing any that died. */
  sign(body: string, identity: Identity, summary: IdentitySummary, tsaUrl: string | undefined): Promise<SignedReceipt> {
    for (let i = this.threads.length - 1; i >= 0; i--) if (this.threads[i]!.stopped) this.threads.splice(i, 1);
    while (this.threads.length < this.size) this.threads.push(new SignerThread());
    let best = this.threads[0]!;
    for (const t of this.threads) if (t.pending < best.pending) best = t;
    return best.sign(body, identity, summary, tsaUrl);
  }

  /** Starts the threads now, so the first acknowledgement does not wait for them to load. */
  async warmUp(): Promise<void> {
    while (this.threads.length < this.size) this.threads.push(new SignerThread());
    await Promise.all(this.threads.map((t) => t.ready));
  }

  /** The live threads' workers (tests stop one to see the pool recover). */
  get workers(): readonly Worker[] {
    return this.threads.filter((t) => !t.stopped).map((t) => t.worker);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((t) => t.close()));
  }
}
