// The expiry capability in the service worker: recompute badge and reminders from the seen messages, archive on
// request, react to notification buttons. Recomputations are serialised (and coalesced), so two triggers at once
// can never show the same reminder twice.
import { browser } from 'wxt/browser';
import { loadSettings } from '../settings/settings-store.ts';
import { t, tn } from '../i18n/i18n.ts';
import { paintBadge } from './badge-painter.ts';
import { dueNotifications, updatedLog, type DueNotification } from './due-notifications.ts';
import { nextWake, scheduleWake } from './expiry-alarms.ts';
import { archiveCounts, inWindow, stillInEbox, type ArchiveCounts, type ExpiringMessage } from './expiring-messages.ts';
import { loadNotifiedLog, saveNotifiedLog } from './notified-log-store.ts';
import { isQuiet } from './quiet-hours.ts';
import {
  ARCHIVE_BUTTON,
  OPEN_BUTTON,
  SUMMARY_NOTIFICATION_ID,
  messageIdOfReminder,
  showArchiveFailure,
  showReminders,
} from './reminder-notifications.ts';
import type { MessageArchiver, SeenMessageSource } from './seen-message-source.ts';
import { badgeFor } from './toolbar-badge.ts';

export interface ExpiryDeps {
  source: SeenMessageSource;
  archiver: MessageArchiver;
  openEbox: () => Promise<void>;
  /** Opens the full list (the popup page in a tab) from the summary notification. */
  openList: () => Promise<void>;
  /** Resolves when translations are loaded; reminders wait for it. */
  i18nReady?: Promise<void>;
}

export interface ExpiryOverview {
  /** Not archived and expiring within the window, soonest first. */
  expiring: ExpiringMessage[];
  counts: ArchiveCounts;
  lastRefreshedAt: string | null;
  windowDays: number;
  computedAt: string;
}

export interface ExpiryService {
  refresh(): Promise<ExpiryOverview>;
  archive(messageId: string): Promise<ExpiryOverview>;
  onNotificationButton(notificationId: string, buttonIndex: number): Promise<void>;
  onNotificationClicked(notificationId: string): Promise<void>;
}

function sameLog(a: Record<string, number[]>, b: Record<string, number[]>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createExpiryService(deps: ExpiryDeps): ExpiryService {
  async function recompute(): Promise<ExpiryOverview> {
    await deps.i18nReady;
    const now = Date.now();
    const [settings, snapshot, log] = await Promise.all([loadSettings(), deps.source.read(), loadNotifiedLog()]);
    const pending = stillInEbox(snapshot.messages, now);
    const expiring = inWindow(pending, settings.warningWindowDays);

    const badge = badgeFor(expiring);
    const title = expiring.length === 0 ? t('extName') : `${t('extName')}: ${tn('expiry_badgeTitle', expiring.length, settings.warningWindowDays)}`;
    await paintBadge(badge, title);

    let due: DueNotification[] = [];
    if (settings.notificationsEnabled && !isQuiet(now, settings.quietHours)) {
      due = dueNotifications(pending, settings.thresholds, log);
    }
    const nextLog = updatedLog(log, due, pending);
    // Recorded before showing: a worker killed in between loses one reminder rather than repeating it.
    if (!sameLog(log, nextLog)) await saveNotifiedLog(nextLog);
    await showReminders(due);
    await clearStaleReminders(new Set(pending.filter((m) => !m.archived).map((m) => m.messageId)));
    await scheduleWake(nextWake(now, settings.quietHours));

    return {
      expiring,
      counts: archiveCounts(pending),
      lastRefreshedAt: snapshot.lastRefreshedAt,
      windowDays: settings.warningWindowDays,
      computedAt: new Date(now).toISOString(),
    };
  }

  /** Reminders about messages since archived or deleted go away by themselves. */
  async function clearStaleReminders(stillToSave: Set<string>): Promise<void> {
    const shown = Object.keys(await browser.notifications.getAll());
    for (const id of shown) {
      const messageId = messageIdOfReminder(id);
      if (messageId !== null && !stillToSave.has(messageId)) await browser.notifications.clear(id);
    }
  }

  let running: Promise<ExpiryOverview> | null = null;
  let queued: Promise<ExpiryOverview> | null = null;
  function refresh(): Promise<ExpiryOverview> {
    if (queued) return queued;
    if (!running) {
      running = recompute().finally(() => (running = null));
      return running;
    }
    queued = running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        running = recompute().finally(() => (running = null));
        return running;
      });
    return queued;
  }

  async function archive(messageId: string): Promise<ExpiryOverview> {
    await deps.archiver.archive(messageId);
    return refresh();
  }

  async function onNotificationButton(notificationId: string, buttonIndex: number): Promise<void> {
    const messageId = messageIdOfReminder(notificationId);
    if (messageId === null) return;
    if (buttonIndex === OPEN_BUTTON) {
      await deps.openEbox();
      return;
    }
    if (buttonIndex !== ARCHIVE_BUTTON) return;
    await browser.notifications.clear(notificationId);
    try {
      await archive(messageId);
    } catch (error) {
      await showArchiveFailure(messageId, error);
    }
  }

  async function onNotificationClicked(notificationId: string): Promise<void> {
    if (notificationId === SUMMARY_NOTIFICATION_ID) {
      await browser.notifications.clear(notificationId);
      await deps.openList();
    } else if (messageIdOfReminder(notificationId) !== null) {
      await deps.openEbox();
    }
  }

  return { refresh, archive, onNotificationButton, onNotificationClicked };
}
