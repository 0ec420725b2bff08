// The service worker's side: one listener that routes each archive request to its handler and always answers,
// with the result or the error (never a silent undefined).
import { ARCHIVE_REQUEST, type ArchiveApi, type Method, type Reply, type Request } from './protocol.ts';
import { onWorkerMessage } from '../platform/runtime.ts';

export type Handlers = { [M in Method]: (params: Parameters<ArchiveApi[M]>[0]) => Promise<ReturnType<ArchiveApi[M]>> };

function isRequest(message: unknown): message is Request {
  return !!message && typeof message === 'object' && (message as Request).kind === ARCHIVE_REQUEST && typeof (message as Request).method === 'string';
}

export async function dispatch(handlers: Handlers, message: Request): Promise<Reply> {
  const handler = (handlers as Record<string, ((p: unknown) => Promise<unknown>) | undefined>)[message.method];
  if (!handler || !Object.hasOwn(handlers, message.method)) return { ok: false, error: { name: 'UnknownMethod', message: `No archive method ${message.method}` } };
  try {
    return { ok: true, value: (await handler(message.params)) as never };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: err.message } };
  }
}

export function serveArchive(handlers: Handlers): void {
  onWorkerMessage((message, reply) => {
    if (!isRequest(message)) return false;
    void dispatch(handlers, message).then(reply);
    return true;
  });
}
