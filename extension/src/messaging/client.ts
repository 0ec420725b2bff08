// Calls the service worker from content scripts and extension pages, typed by the registry in protocol.ts.
import { WORKER_CALL, type Method, type Params, type Reply, type Request, type Result } from './protocol.ts';
import { sendToWorker } from '../platform/runtime.ts';

export class WorkerCallError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export async function callWorker<M extends Method>(method: M, ...params: Params<M> extends undefined ? [] : [Params<M>]): Promise<Result<M>> {
  const request: Request<M> = { kind: WORKER_CALL, method, params: params[0] as Params<M> };
  const reply = (await sendToWorker(request)) as Reply<M> | undefined;
  if (!reply) throw new WorkerCallError('NoReply', `The extension's service worker did not answer ${method}`);
  if (!reply.ok) throw new WorkerCallError(reply.error.name, reply.error.message);
  return reply.value;
}
