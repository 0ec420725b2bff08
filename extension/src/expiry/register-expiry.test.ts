// The listeners a (re)started service worker registers: start, install, alarms, notification buttons, page
// requests and store changes each lead to the right recomputation. WXT fake browser, fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from '../i18n/test-i18n.ts';
import { saveSettings } from '../settings/settings-store.ts';
import { WAKE_ALARM } from './expiry-alarms.ts';
import { resetServed } from '../messaging/server.ts';
import { WORKER_CALL, type Reply } from '../messaging/protocol.ts';
import type { ExpiryOverview } from './expiry-service.ts';
import { ARCHIVE_BUTTON, reminderId } from './reminder-notifications.ts';
import { registerExpiry } from './register-expiry.ts';
import { memoryArchive, seenMessage } from './test-messages.ts';

const badgeText = () => fakeBrowser.action.getBadgeText({});
let opened = 0;

function register(archive: ReturnType<typeof memoryArchive>) {
  return registerExpiry({ source: archive.source, archiver: archive.archiver, openEbox: async () => void opened++, openList: async () => {} });
}

describe('registerExpiry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetServed();
    installFakeI18n('en');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T12:00:00+01:00'));
    opened = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('paints the badge as soon as the worker starts', async () => {
    register(memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00')]));
    await expect.poll(badgeText).toBe('1');
  });

  it('recomputes when the wake-up alarm fires after midnight', async () => {
    // 15 days left today: outside the 14-day window until Brussels midnight.
    register(memoryArchive([seenMessage('m', '2026-12-08T12:00:00+01:00')]));
    await expect.poll(async () => (await fakeBrowser.alarms.get(WAKE_ALARM))?.scheduledTime).toBe(Date.parse('2026-11-23T23:00:01Z'));
    expect(await badgeText()).toBe('');
    vi.setSystemTime(new Date('2026-11-24T00:00:01+01:00'));
    await fakeBrowser.alarms.onAlarm.trigger({ name: WAKE_ALARM, scheduledTime: Date.now(), persistAcrossSessions: true });
    await expect.poll(badgeText).toBe('1');
  });

  it('ignores alarms of other capabilities', async () => {
    const archive = memoryArchive([]);
    register(archive);
    await expect.poll(async () => fakeBrowser.alarms.get(WAKE_ALARM)).toBeDefined();
    archive.add(seenMessage('late', '2026-11-24T12:00:00+01:00'));
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'archive-bulk-job', scheduledTime: Date.now(), persistAcrossSessions: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(await badgeText()).toBe('');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await expect.poll(badgeText).toBe('1');
  });

  it('follows the seen-message store and the settings', async () => {
    const archive = memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00'), seenMessage('five', '2026-11-28T12:00:00+01:00')]);
    register(archive);
    await expect.poll(badgeText).toBe('2');
    await saveSettings({ warningWindowDays: 3 });
    await expect.poll(badgeText).toBe('1');
    await archive.archiver.archive('one'); // archived elsewhere (the archive page): the store tells us
    await expect.poll(badgeText).toBe('');
    await saveSettings({ warningWindowDays: 14 });
    await expect.poll(badgeText).toBe('1');
  });

  it('archives from a notification button', async () => {
    const archive = memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00')]);
    register(archive);
    await expect.poll(badgeText).toBe('1');
    await fakeBrowser.notifications.onButtonClicked.trigger(reminderId('one', 1), ARCHIVE_BUTTON);
    await expect.poll(badgeText).toBe('');
    expect(archive.archivedIds).toEqual(['one']);
  });

  it('answers requests from its own pages only', async () => {
    register(memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00')]));
    const ask = (sender: { id?: string }) =>
      new Promise<Reply | 'ignored'>((resolve) => {
        void fakeBrowser.runtime.onMessage.trigger({ kind: WORKER_CALL, method: 'expiry.overview' }, sender, resolve).then((handled: unknown[]) => {
          if (!handled.includes(true)) resolve('ignored');
        });
      });
    const answer = await ask({ id: fakeBrowser.runtime.id });
    expect(answer !== 'ignored' && answer.ok && (answer.value as ExpiryOverview).expiring.map((m) => m.messageId)).toEqual(['one']);
    expect(await ask({ id: 'some-other-extension' })).toBe('ignored');
  });
});
