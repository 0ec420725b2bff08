// The service worker side of expiry, on the WXT fake browser with a fake clock: badge, reminders once per
// threshold (also across worker restarts and clock changes), quiet hours, archive from the popup and notifications.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveSettings } from '../settings/settings-store.ts';
import { installFakeI18n } from '../i18n/test-i18n.ts';
import { expiryHandlers, expirySchemas } from './expiry-protocol.ts';
import { dispatch, resetServed, serve } from '../messaging/server.ts';
import { WORKER_CALL } from '../messaging/protocol.ts';
import { createExpiryService, type ExpiryOverview, type ExpiryService } from './expiry-service.ts';
import { HOURLY_ALARM, WAKE_ALARM } from './expiry-alarms.ts';
import { ARCHIVE_BUTTON, OPEN_BUTTON, SUMMARY_NOTIFICATION_ID, reminderId } from './reminder-notifications.ts';
import { BADGE_COLORS } from './toolbar-badge.ts';
import { memoryArchive, seenMessage } from './test-messages.ts';

type FakeNotifications = { getAllCreateOptions(): Record<string, { title: string; message: string; buttons?: { title: string }[] }> };
const shownNotifications = () => (fakeBrowser.notifications as unknown as FakeNotifications).getAllCreateOptions();

let opened = 0;
let listsOpened = 0;
function startWorker(archive: ReturnType<typeof memoryArchive>): ExpiryService {
  // A new service instance is what a restarted service worker gets: only browser storage survives.
  return createExpiryService({
    source: archive.source,
    archiver: archive.archiver,
    openEbox: async () => void opened++,
    openList: async () => void listsOpened++,
  });
}

const setNow = (iso: string) => vi.setSystemTime(new Date(iso));

describe('expiry service', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    installFakeI18n('en');
    vi.useFakeTimers({ toFake: ['Date'] });
    setNow('2026-11-23T12:00:00+01:00');
    opened = 0;
    listsOpened = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('shows on the badge the unarchived messages expiring within the window, red under 3 days', async () => {
    const archive = memoryArchive([
      seenMessage('one', '2026-11-24T12:00:00+01:00'),
      seenMessage('five', '2026-11-28T12:00:00+01:00'),
      seenMessage('twenty', '2026-12-13T12:00:00+01:00'),
      seenMessage('archived', '2026-11-25T12:00:00+01:00', true),
    ]);
    const overview = await startWorker(archive).refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc6, 0x28, 0x28, 255]);
    expect(await fakeBrowser.action.getTitle({})).toMatch(/2/);
    expect(overview.expiring.map((m) => m.messageId)).toEqual(['one', 'five']);
    expect(overview.counts).toEqual({ archived: 1, notArchived: 3 });
    expect(overview.lastRefreshedAt).toBe('2026-11-23T09:00:00.000Z');
    expect(BADGE_COLORS.critical).toBe('#C62828');
  });

  it('follows the configured window and clears the badge when nothing is due', async () => {
    const archive = memoryArchive([seenMessage('twenty', '2026-12-13T12:00:00+01:00')]);
    const worker = startWorker(archive);
    await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await saveSettings({ warningWindowDays: 30 });
    await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('reminds once per threshold with archive and open buttons, never again after a worker restart', async () => {
    const archive = memoryArchive([seenMessage('m', '2026-12-01T12:00:00+01:00')]);
    await startWorker(archive).refresh(); // 8 days left: the 14-day threshold
    const first = shownNotifications();
    expect(Object.keys(first)).toEqual([reminderId('m', 14)]);
    expect(first[reminderId('m', 14)]!.buttons?.map((b) => b.title)).toHaveLength(2);
    expect(first[reminderId('m', 14)]!.message).toBe('Sujet m');

    await fakeBrowser.notifications.clear(reminderId('m', 14)); // the user dismisses it
    await startWorker(archive).refresh(); // the worker was killed and restarted
    await startWorker(archive).refresh();
    expect(shownNotifications()).toEqual({});

    setNow('2026-11-24T08:00:00+01:00'); // 7 days left since Brussels midnight, quiet hours over
    await startWorker(archive).refresh();
    expect(Object.keys(shownNotifications())).toEqual([reminderId('m', 7)]);
  });

  it('keeps a reminder whose threshold lies beyond a shorter badge window', async () => {
    await saveSettings({ warningWindowDays: 7 });
    const archive = memoryArchive([seenMessage('m', '2026-12-03T12:00:00+01:00')]); // 10 days left
    const worker = startWorker(archive);
    await worker.refresh();
    await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(Object.keys(shownNotifications())).toEqual([reminderId('m', 14)]);
  });

  it('does not repeat a reminder when refreshes overlap', async () => {
    const archive = memoryArchive([seenMessage('m', '2026-11-24T12:00:00+01:00')]);
    const worker = startWorker(archive);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await Promise.all([worker.refresh(), worker.refresh(), worker.refresh(), worker.refresh()]);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('counts days in Brussels across the spring clock change', async () => {
    // 2026-03-29 has 23 hours. At 23:30 on the 28th, a message deleted on the 30th at noon has 2 days left.
    setNow('2026-03-28T23:30:00+01:00');
    const archive = memoryArchive([seenMessage('m', '2026-03-30T12:00:00+02:00')]);
    const overview = await startWorker(archive).refresh();
    expect(overview.expiring[0]!.daysLeft).toBe(2);
    // The wake-up alarm is set for the coming Brussels midnight (still winter time), plus a second.
    const wake = await fakeBrowser.alarms.get(WAKE_ALARM);
    expect(new Date(wake!.scheduledTime).toISOString()).toBe('2026-03-28T23:00:01.000Z');
    expect((await fakeBrowser.alarms.get(HOURLY_ALARM))?.periodInMinutes).toBe(60);
    setNow('2026-03-29T00:00:01+01:00');
    expect((await startWorker(archive).refresh()).expiring[0]!.daysLeft).toBe(1);
  });

  it('holds reminders back during quiet hours and wakes when they end', async () => {
    setNow('2026-11-23T23:15:00+01:00');
    const archive = memoryArchive([seenMessage('m', '2026-11-25T12:00:00+01:00')]);
    const held = await startWorker(archive).refresh();
    expect(shownNotifications()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1'); // the badge is not quiet
    // ...and says that a reminder is waiting, and until when.
    expect(held.quiet).toEqual({ until: '2026-11-24T06:00:00.000Z', waiting: 1 });
    expect(await fakeBrowser.action.getTitle({})).toMatch(/1 reminder is waiting/);
    const wake = await fakeBrowser.alarms.get(WAKE_ALARM);
    expect(new Date(wake!.scheduledTime).toISOString()).toBe('2026-11-23T23:00:01.000Z'); // midnight comes first
    setNow('2026-11-24T07:00:01+01:00');
    await startWorker(archive).refresh();
    expect(Object.keys(shownNotifications())).toEqual([reminderId('m', 1)]);
  });

  it("counts on the badge the open e-Box's company only, says which, and names the company in reminders", async () => {
    const A = '0412345614';
    const B = '0751234514';
    const archive = memoryArchive([
      { ...seenMessage('a1', '2026-11-24T12:00:00+01:00'), enterprise: A },
      { ...seenMessage('b1', '2026-11-25T12:00:00+01:00'), enterprise: B },
      { ...seenMessage('b2', '2026-11-26T12:00:00+01:00'), enterprise: B },
    ]);
    const worker = createExpiryService({
      source: archive.source,
      archiver: archive.archiver,
      openEbox: async () => {},
      openList: async () => {},
      companies: async () => ({ open: B, names: { [A]: 'Boulangerie François Dupont SRL', [B]: 'Brouwerij Van den Broeck BV' } }),
    });
    const overview = await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toContain('Brouwerij Van den Broeck BV (0751.234.514)');
    expect(overview.badgeCompany).toBe(B);
    expect(overview.byCompany[A]!.expiring).toBe(1);
    expect(overview.byCompany[B]!.expiring).toBe(2);
    const a1 = Object.values(shownNotifications()).find((n) => n.message.includes('a1')) as { contextMessage?: string } | undefined;
    expect(a1?.contextMessage).toContain('Boulangerie François Dupont SRL (0412.345.614)');
  });

  it('shows nothing when notifications are off, and shows them later once back on', async () => {
    await saveSettings({ notificationsEnabled: false });
    const archive = memoryArchive([seenMessage('m', '2026-11-24T12:00:00+01:00')]);
    await startWorker(archive).refresh();
    expect(shownNotifications()).toEqual({});
    await saveSettings({ notificationsEnabled: true });
    await startWorker(archive).refresh();
    expect(Object.keys(shownNotifications())).toEqual([reminderId('m', 1)]);
  });

  it('sums up many reminders falling due at once in one notification that opens the list', async () => {
    const archive = memoryArchive(['a', 'b', 'c', 'd', 'e'].map((id) => seenMessage(id, '2026-11-26T12:00:00+01:00')));
    const worker = startWorker(archive);
    await worker.refresh();
    expect(Object.keys(shownNotifications())).toEqual([SUMMARY_NOTIFICATION_ID]);
    expect(shownNotifications()[SUMMARY_NOTIFICATION_ID]!.title).toMatch(/5/);
    await worker.onNotificationClicked(SUMMARY_NOTIFICATION_ID);
    expect(listsOpened).toBe(1);
    await worker.refresh();
    expect(Object.keys(shownNotifications())).toEqual([]);
  });

  it('archives from the notification button, clears it and lowers the badge', async () => {
    const archive = memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00'), seenMessage('five', '2026-11-28T12:00:00+01:00')]);
    const worker = startWorker(archive);
    await worker.refresh();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    await worker.onNotificationButton(reminderId('one', 1), ARCHIVE_BUTTON);
    expect(archive.archivedIds).toEqual(['one']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xef, 0x6c, 0x00, 255]);
    expect(Object.keys(shownNotifications())).toEqual([reminderId('five', 7)]);
    await worker.onNotificationButton(reminderId('five', 7), OPEN_BUTTON);
    expect(opened).toBe(1);
  });

  it('reports a failed archive in a notification and keeps the message counted', async () => {
    const archive = memoryArchive([seenMessage('fail-1', '2026-11-24T12:00:00+01:00')]);
    const worker = startWorker(archive);
    await worker.refresh();
    await worker.onNotificationButton(reminderId('fail-1', 1), ARCHIVE_BUTTON);
    const failure = Object.values(shownNotifications()).find((n) => /403/.test(n.message));
    expect(failure).toBeDefined();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('answers the popup: overview, archive, and a readable error', async () => {
    const archive = memoryArchive([seenMessage('one', '2026-11-24T12:00:00+01:00'), seenMessage('fail-5', '2026-11-28T12:00:00+01:00')]);
    const worker = startWorker(archive);
    resetServed();
    serve(expiryHandlers(worker), expirySchemas);
    const overview = await dispatch({ kind: WORKER_CALL, method: 'expiry.overview', params: undefined }, {});
    expect(overview.ok && (overview.value as ExpiryOverview).expiring.length).toBe(2);
    const archived = await dispatch({ kind: WORKER_CALL, method: 'expiry.archive', params: { messageId: 'one' } }, {});
    expect(archived.ok && (archived.value as ExpiryOverview).expiring.map((m) => m.messageId)).toEqual(['fail-5']);
    expect(await dispatch({ kind: WORKER_CALL, method: 'expiry.archive', params: { messageId: 'fail-5' } }, {})).toEqual({
      ok: false,
      error: { name: 'Error', message: 'the e-Box refused the download (403)' },
    });
    expect(await dispatch({ kind: WORKER_CALL, method: 'expiry.archive', params: { messageId: '' } as never }, {})).toMatchObject({ ok: false, error: { name: 'InvalidRequest' } });
  });
});
