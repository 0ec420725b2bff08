import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings, saveSettings, watchSettings } from './settings-store.ts';
import { DEFAULT_SETTINGS, InvalidSettingsError, type Settings } from './settings-schema.ts';
import { loadHelperConnection, saveHelperConnection } from './helper-connection.ts';

describe('settings in browser storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts from the defaults', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('stores a valid change, normalising the thresholds', async () => {
    await saveSettings({ warningWindowDays: 21, thresholds: [1, 30, 7, 7] });
    expect(await loadSettings()).toMatchObject({ warningWindowDays: 21, thresholds: [30, 7, 1] });
  });

  it('refuses an invalid change with the field named, and keeps what was stored', async () => {
    await saveSettings({ warningWindowDays: 10 });
    await expect(saveSettings({ warningWindowDays: 0 })).rejects.toThrow(InvalidSettingsError);
    await expect(saveSettings({ quietHours: { enabled: true, start: '7h', end: '08:00' } })).rejects.toThrow(/quietHours\.start/);
    expect((await loadSettings()).warningWindowDays).toBe(10);
  });

  it('acknowledges registered messages on opening unless the user turns it off; an older stored settings object gets it on', async () => {
    await fakeBrowser.storage.local.set({ settings: { warningWindowDays: 9 } });
    expect(await loadSettings()).toMatchObject({ warningWindowDays: 9, acknowledgeOnOpen: true });
    await saveSettings({ acknowledgeOnOpen: false });
    expect((await loadSettings()).acknowledgeOnOpen).toBe(false);
    await expect(saveSettings({ acknowledgeOnOpen: 'yes' as unknown as boolean })).rejects.toThrow(/acknowledgeOnOpen/);
  });

  it('recovers field by field from damaged storage', async () => {
    await fakeBrowser.storage.local.set({ settings: { warningWindowDays: 'many', language: 'nl', thresholds: null } });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, language: 'nl' });
    await fakeBrowser.storage.local.set({ settings: 'garbage' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('tells watchers about changes made elsewhere', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await saveSettings({ language: 'de' });
    stop();
    expect(seen.at(-1)?.language).toBe('de');
  });

  it('keeps the helper connection apart, validated', async () => {
    expect(await loadHelperConnection()).toEqual({ port: 47_615, pairing: null });
    await expect(saveHelperConnection({ port: 80, pairing: null })).rejects.toThrow();
    await saveHelperConnection({ port: 50_000, pairing: null });
    expect((await loadHelperConnection()).port).toBe(50_000);
  });
});
