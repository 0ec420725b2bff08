// Calls the service worker's archive handlers from content scripts and extension pages.
import { ARCHIVE_REQUEST, type Method, type Params, type Reply, type Request, type Result } from './protocol.ts';
import { sendToWorker } from '../platform/runtime.ts';

export class ArchiveCallError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export async function callArchive<M extends Method>(method: M, ...params: Params<M> extends undefined ? [] : [Params<M>]): Promise<Result<M>> {
  const request: Request<M> = { kind: ARCHIVE_REQUEST, method, params: params[0] as Params<M> };
  const reply = (await sendToWorker(request)) as Reply<M> | undefined;
  if (!reply) throw new ArchiveCallError('NoReply', `The extension's service worker did not answer ${method}`);
  if (!reply.ok) throw new ArchiveCallError(reply.error.name, reply.error.message);
  return reply.value;
}
