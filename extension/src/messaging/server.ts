// The service worker's side: each capability serves its methods (synchronously, from background.ts); one listener
// routes every call to its handler, checks its parameters when the capability gave a schema, and always answers
// with the result or the error. Only this extension's own scripts and pages may call.
import type { z } from 'zod';
import { WORKER_CALL, type Method, type Params, type Reply, type Request, type Result } from './protocol.ts';
import { onWorkerMessage } from '../platform/runtime.ts';

/** Who called: the tab of a content script or of a side panel bound to a tab (its tabId parameter), else none. */
export interface CallSender {
  tabId?: number;
  url?: string;
}

export type Handler<M extends Method> = (params: Params<M>, sender: CallSender) => Promise<Result<M>>;
export type Handlers<K extends Method = Method> = { [M in K]: Handler<M> };
export type ParamSchemas<K extends Method = Method> = { [M in K]?: z.ZodType<Params<M>, unknown> };

interface Served {
  handler: (params: unknown, sender: CallSender) => Promise<unknown>;
  schema?: z.ZodType<unknown, unknown>;
}

const served = new Map<string, Served>();
let listening = false;

function isRequest(message: unknown): message is Request {
  return !!message && typeof message === 'object' && (message as Request).kind === WORKER_CALL && typeof (message as Request).method === 'string';
}

const failure = (name: string, message: string): { ok: false; error: { name: string; message: string } } => ({ ok: false, error: { name, message } });

/** Runs one call against the methods served so far. */
export async function dispatch<M extends Method>(message: Request<M>, sender: CallSender): Promise<Reply<M>> {
  const entry = served.get(message.method);
  if (!entry) return failure('UnknownMethod', `No method ${message.method}`);
  let params: unknown = message.params;
  if (entry.schema) {
    const parsed = entry.schema.safeParse(params);
    if (!parsed.success) return failure('InvalidRequest', parsed.error.issues[0]?.message ?? 'invalid request');
    params = parsed.data;
  }
  try {
    return { ok: true, value: (await entry.handler(params, sender)) as never };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return failure(err.name, err.message);
  }
}

/** Adds a capability's methods (one owner per method) and starts listening on the first call. */
export function serve<K extends Method>(handlers: Handlers<K>, schemas: ParamSchemas<K> = {}): void {
  for (const [method, handler] of Object.entries(handlers) as [string, Served['handler']][]) {
    if (served.has(method)) throw new Error(`${method} is served twice`);
    const schema = (schemas as Record<string, Served['schema']>)[method];
    served.set(method, { handler, ...(schema ? { schema } : {}) });
  }
  if (listening) return;
  listening = true;
  onWorkerMessage((message, sender, reply) => {
    if (!isRequest(message)) return false;
    void dispatch(message, sender).then(reply);
    return true;
  });
}

/** For tests (whose fake browser drops its listeners on reset): forgets every served method and the listener. */
export function resetServed(): void {
  served.clear();
  listening = false;
}
