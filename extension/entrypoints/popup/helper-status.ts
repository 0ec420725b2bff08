// What the popup shows about the local helper: the pairing from storage, the live status through the service worker.
import { loadHelperConnection } from '@/src/settings/helper-connection';
import { askHelperStatus } from '@/src/settings/helper-requests';

export type HelperStatusView =
  | { state: 'checking' }
  | { state: 'not-paired' }
  | { state: 'connected'; version: string }
  | { state: 'unreachable'; error: string };

export async function loadHelperStatus(): Promise<HelperStatusView> {
  if (!(await loadHelperConnection()).pairing) return { state: 'not-paired' };
  try {
    const status = await askHelperStatus();
    return status ? { state: 'connected', version: status.helper.version } : { state: 'not-paired' };
  } catch (error) {
    return { state: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
}
