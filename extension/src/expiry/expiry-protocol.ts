// Requests from the extension's pages (popup) to the expiry service in the service worker, and their answers.
// Answers travel with sendResponse, which every browser and the WXT fake browser support.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import type { ExpiryOverview, ExpiryService } from './expiry-service.ts';

export const expiryRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('expiry/overview') }),
  z.object({ type: z.literal('expiry/archive'), messageId: z.string().min(1) }),
]);
export type ExpiryRequest = z.infer<typeof expiryRequestSchema>;

export type ExpiryAnswer = { ok: true; overview: ExpiryOverview } | { ok: false; error: string };

export async function answerExpiryRequest(service: ExpiryService, request: ExpiryRequest): Promise<ExpiryAnswer> {
  try {
    const overview = request.type === 'expiry/overview' ? await service.refresh() : await service.archive(request.messageId);
    return { ok: true, overview };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A runtime.onMessage listener: answers expiry requests from this extension's own pages, ignores the rest. */
export function expiryMessageListener(service: ExpiryService) {
  return (message: unknown, sender: { id?: string }, sendResponse: (answer: ExpiryAnswer) => void): boolean => {
    if (sender.id !== browser.runtime.id) return false;
    const parsed = expiryRequestSchema.safeParse(message);
    if (!parsed.success) return false;
    void answerExpiryRequest(service, parsed.data).then(sendResponse);
    return true;
  };
}

async function ask(request: ExpiryRequest): Promise<ExpiryOverview> {
  const answer = (await browser.runtime.sendMessage(request)) as ExpiryAnswer | undefined;
  if (!answer) throw new Error('the extension did not answer');
  if (!answer.ok) throw new Error(answer.error);
  return answer.overview;
}

export const requestOverview = (): Promise<ExpiryOverview> => ask({ type: 'expiry/overview' });
export const requestArchive = (messageId: string): Promise<ExpiryOverview> => ask({ type: 'expiry/archive', messageId });
