// Settings in browser.storage.local, read through readSettings so a damaged value never breaks the extension.
import { storage } from 'wxt/utils/storage';
import { applySettingsChange, readSettings, type Settings } from './settings-schema.ts';

const settingsItem = storage.defineItem<unknown>('local:settings');

export async function loadSettings(): Promise<Settings> {
  return readSettings(await settingsItem.getValue());
}

/** Validates and stores a change; rejects with InvalidSettingsError and stores nothing if it is invalid. */
export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const next = applySettingsChange(await loadSettings(), change);
  await settingsItem.setValue(next);
  return next;
}

/** Calls back with the new settings whenever any context changes them. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => listener(readSettings(value)));
}
