// Signing threads for acknowledgements. The main thread keeps what must stay single: the HTTP listener with every
// route's state, and the proof store's one writer. What is CPU-bound and stateless (JSON parse, schema check,
// canonical receipt, CMS signature: about half of an acknowledgement's CPU) runs here, so a second core works on
// it. Each thread signs with the identity it was last sent; a thread is sent the current identity before the
// first job that needs it, and messages keep their order, so a receipt in flight keeps the identity it started with.
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
  | { kind: 'sign'; id: number; body: string; tsaUrl?: string };

export type FromSigner =
  /** Sent once the thread has loaded everything it signs with. */
  | { id: -1; ok: true; ready: true }
  | { id: number; ok: true; receiptId: string; messageId: string; bytes: Uint8Array; leafLength: number; timestampedAt?: string }
  | { id: number; ok: false; refusal: { status: ContentfulStatusCode; code: HelperErrorCode; message: string; field?: string } }
  | { id: number; ok: false; failure: string };

const WORKER_URL = new URL('./signing-worker.ts', import.meta.url);

interface Job {
  resolve: (r: SignedReceipt) => void;
  reject: (e: unknown) => void;
}

class SignerThread {
  readonly worker = new Worker(WORKER_URL);
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private sentIdentity: Identity | null = null;
  private markReady!: () => void;
  /** Settles once the thread is loaded, or has died trying. */
  readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));
  stopped: Error | null = null;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (m: FromSigner) => this.answer(m));
    this.worker.on('error', (err) => this.stop(err));
    this.worker.on('exit', (code) => this.stop(new Error(`the signing thread exited with code ${code}`)));
  }

  get pending(): number {
    return this.jobs.size;
  }

  sign(body: string, identity: Identity, summary: IdentitySummary, tsaUrl: string | undefined): Promise<SignedReceipt> {
    if (this.sentIdentity !== identity) {
      this.post({ kind: 'identity', privateKey: identity.privateKey, chain: identity.chain, scheme: identity.scheme, development: identity.development, summary });
      this.sentIdentity = identity;
    }
    const id = this.nextId++;
    return new Promise<SignedReceipt>((resolve, reject) => {
      // Only while it has work does the thread keep the process alive.
      if (this.jobs.size === 0) this.worker.ref();
      this.jobs.set(id, { resolve, reject });
      this.post({ kind: 'sign', id, body, ...(tsaUrl ? { tsaUrl } : {}) });
    });
  }

  private post(m: ToSigner): void {
    this.worker.postMessage(m);
  }

  private answer(m: FromSigner): void {
    if ('ready' in m) return this.markReady();
    const job = this.jobs.get(m.id);
    if (!job) return;
    this.jobs.delete(m.id);
    if (this.jobs.size === 0) this.worker.unref();
    if (m.ok) {
      // One transferred buffer holds both: the leaf, then the CMS.
      const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      job.resolve({
        receiptId: m.receiptId,
        messageId: m.messageId,
        leaf: bytes.subarray(0, m.leafLength),
        cms: bytes.subarray(m.leafLength),
        ...(m.timestampedAt ? { timestampedAt: m.timestampedAt } : {}),
      });
    } else if ('refusal' in m) {
      job.reject(new HelperHttpError(m.refusal.status, m.refusal.code, m.refusal.message, m.refusal.field));
    } else {
      job.reject(new Error(`signing the receipt failed: ${m.failure}`));
    }
  }

  /** A thread that died takes its jobs with it: they fail (nothing was stored), and the pool starts another. */
  private stop(err: Error): void {
    if (this.stopped) return;
    this.stopped = err;
    for (const job of this.jobs.values()) job.reject(new Error(`the signing thread stopped: ${err.message}`));
    this.jobs.clear();
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
