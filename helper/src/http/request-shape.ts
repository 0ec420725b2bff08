// Only GET and POST exist; a POST must be application/json (415 otherwise: Hono's JSON validator would read a
// Only GET and POST exist; a POST must be application/json (415 otherwise: Hono's JSON validator would read a
// missing Content-Type as {}), or application/octet-stream where a route takes raw bytes (neither is a type a web
// page may send without a CORS preflight); bodies are capped (413, chunked bodies included). Runs after the Host,
// Origin and secret checks, so nothing of an unauthenticated body is ever read. A chunked body is counted as the
// route reads it, never buffered here. All bodies together are held to a global budget: a request waits, unread
// (the socket's flow control holds the sender), until its whole size fits, so parallel large uploads cannot add up.
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { HelperHttpError } from './errors.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Bytes of request bodies admitted at once over all requests: two of the largest uploads (66 MiB). */
export const DEFAULT_BODY_BUDGET = 160 * 1024 * 1024;
/** How long a request waits for its turn before 503. */
const ADMISSION_TIMEOUT_MS = 120_000;

const tooLarge = (max: number) => new HelperHttpError(413, 'payload_too_large', `the body is larger than ${max} bytes`);

/** A FIFO semaphore over bytes: a request is admitted whole or not at all, so waiting uploads cannot deadlock. */
export class BodyBudget {
  private inUse = 0;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get bytesInFlight(): number {
    return this.inUse;
  }

  /** Resolves with the release function once `bytes` fit; rejects with 503 after the timeout. */
  acquire(bytes: number, timeoutMs = ADMISSION_TIMEOUT_MS): Promise<() => void> {
    const need = Math.min(bytes, this.capacity);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inUse -= need;
      this.admitWaiting();
    };
    if (this.waiting.length === 0 && this.inUse + need <= this.capacity) {
      this.inUse += need;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const entry = {
        bytes: need,
        admit: () => {
          clearTimeout(timer);
          this.inUse += need;
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        this.admitWaiting();
        reject(new HelperHttpError(503, 'rate_limited', `the helper is busy receiving other uploads: try again in a minute`));
      }, timeoutMs);
      this.waiting.push(entry);
    });
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.inUse + this.waiting[0]!.bytes <= this.capacity) this.waiting.shift()!.admit();
  }
}

/** Passes a body on while counting it; past `max` the reader gets the 413 error instead of more bytes. */
function countedBody(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > max) controller.error(tooLarge(max));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * A raw upload's body read from Node's socket only as fast as the route consumes it. Hono's Node adapter gives a
 * web stream (Readable.toWeb) that reads the socket ahead of its reader to the end, so a 60 MB upload streamed to
 * disk still sat whole in memory. Undefined outside the Node server (app.request in tests), whose body is in memory.
 */
function pulledBody(c: Context): ReadableStream<Uint8Array> | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return undefined;
  // Nothing is read before the route asks (high-water mark 0), and stopping early leaves the socket open, so the
  // adapter can still answer (413) and drain what the sender has left.
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= incoming.iterator({ destroyOnReturn: false });
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks?.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

export function requestShape(limitFor: (path: string) => number, budget = new BodyBudget(DEFAULT_BODY_BUDGET), takesRawBytes: (path: string) => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    if (method !== 'POST') throw new HelperHttpError(405, 'method_not_allowed', `${method} is not supported: use GET or POST`);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !(type === 'application/octet-stream' && takesRawBytes(c.req.path))) {
      throw new HelperHttpError(415, 'unsupported_media_type', 'state-changing requests must be POST with Content-Type: application/json');
    }
    const max = limitFor(c.req.path);
    // A declared length is checked from the header alone: Node's parser never delivers more bytes than it says.
    const length = c.req.header('content-length');
    const chunked = length === undefined || c.req.header('transfer-encoding') !== undefined;
    if (!chunked && Number(length) > max) throw tooLarge(max);
    const release = await budget.acquire(chunked ? max : Number(length));
    try {
      const pulled = type === 'application/octet-stream' ? pulledBody(c) : undefined;
      if (pulled) {
        const body = chunked ? countedBody(pulled, max) : pulled;
        c.req.raw = new Request(c.req.url, { method, headers: c.req.raw.headers, body, duplex: 'half' } as RequestInit);
      } else if (chunked && c.req.raw.body) {
        c.req.raw = new Request(c.req.raw, { body: countedBody(c.req.raw.body, max), duplex: 'half' } as RequestInit);
      }
      await next();
    } finally {
      release();
    }
  };
}
