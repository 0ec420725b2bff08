// The user's answers to e-Box Keeper's requests to read from a provider's origin (a registry the app calls, or a
// QERDS provider an evidence link points to), kept so each origin is asked once and a refusal is said, not retried.
import { extensionOriginHost, hasHostAccess, readLocal, requestHostAccess, writeLocal } from '../platform/runtime.ts';
import { openDiagnostics } from './page-facts-client.ts';

export const HOST_ACCESS_KEY = 'pagefacts.hostAccess';
export type HostAccessAnswers = Record<string, 'granted' | 'declined'>;

/** Extension pages, on a user's click: asks the browser for the origin and remembers the answer. */
export async function askHostAccess(origin: string): Promise<boolean> {
  const granted = (await hasHostAccess(origin)) || (await requestHostAccess(origin).catch(() => false));
  const answers = (await readLocal<HostAccessAnswers>(HOST_ACCESS_KEY)) ?? {};
  await writeLocal(HOST_ACCESS_KEY, { ...answers, [origin]: granted ? 'granted' : 'declined' });
  return granted;
}

/** Service worker, after a permission change: a grant the user since revoked is no longer an answer (asked again). */
export async function forgetRevokedAnswers(): Promise<void> {
  const answers = (await readLocal<HostAccessAnswers>(HOST_ACCESS_KEY)) ?? {};
  const revoked: string[] = [];
  for (const [origin, answer] of Object.entries(answers)) if (answer === 'granted' && !(await hasHostAccess(origin))) revoked.push(origin);
  if (revoked.length) await writeLocal(HOST_ACCESS_KEY, Object.fromEntries(Object.entries(answers).filter(([o]) => !revoked.includes(o))));
}

/** On a user's click anywhere: an extension page asks at once; the overlay (a content script may not ask the
 *  browser) opens the diagnostics page, which asks on the next click. */
export async function allowOrigin(origin: string): Promise<void> {
  if (globalThis.location?.host === extensionOriginHost()) await askHostAccess(origin);
  else await openDiagnostics(origin);
}
