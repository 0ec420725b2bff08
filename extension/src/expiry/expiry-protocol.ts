// What the extension's pages (popup) ask the expiry service in the service worker, through the typed calls of
// messaging/protocol.ts.
import { z } from 'zod';
import { callWorker } from '../messaging/client.ts';
import type { Handlers, ParamSchemas } from '../messaging/server.ts';
import type { ExpiryOverview, ExpiryService } from './expiry-service.ts';

export interface ExpiryApi {
  'expiry.overview': () => ExpiryOverview;
  /** Archives one message now; answers the overview without it. */
  'expiry.archive': (p: { messageId: string }) => ExpiryOverview;
}

export function expiryHandlers(service: ExpiryService): Handlers<keyof ExpiryApi> {
  return {
    'expiry.overview': () => service.refresh(),
    'expiry.archive': ({ messageId }) => service.archive(messageId),
  };
}

export const expirySchemas: ParamSchemas<keyof ExpiryApi> = { 'expiry.archive': z.object({ messageId: z.string().min(1) }) };

export const requestOverview = (): Promise<ExpiryOverview> => callWorker('expiry.overview');
export const requestArchive = (messageId: string): Promise<ExpiryOverview> => callWorker('expiry.archive', { messageId });
