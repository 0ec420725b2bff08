// The reminders already shown, persisted so a restarted service worker or browser never shows one twice.
import { storage } from 'wxt/utils/storage';
import type { NotifiedLog } from './due-notifications.ts';

const logItem = storage.defineItem<unknown>('local:expiryNotified');

export async function loadNotifiedLog(): Promise<NotifiedLog> {
  const value = await logItem.getValue();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const log: NotifiedLog = {};
  for (const [id, thresholds] of Object.entries(value)) {
    if (Array.isArray(thresholds)) log[id] = thresholds.filter((t): t is number => Number.isInteger(t));
  }
  return log;
}

export async function saveNotifiedLog(log: NotifiedLog): Promise<void> {
  await logItem.setValue(log);
}
