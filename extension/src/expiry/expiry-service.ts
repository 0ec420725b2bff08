// The expiry capability in the service worker: recompute badge and reminders from the seen messages, archive on
// request, react to notification buttons. Recomputations are serialised (and coalesced), so two triggers at once
// can never show the same reminder twice.
import { browser } from 'wxt/browser';
import { loadSettings } from '../settings/settings-store.ts';
import { currentIntlLocale, t, tn } from '../i18n/i18n.ts';
import { paintBadge } from './badge-painter.ts';
import { dueNotifications, updatedLog, type DueNotification } from './due-notifications.ts';
import { nextWake, scheduleWake } from './expiry-alarms.ts';
import { archiveCounts, inWindow, stillInEbox, type ArchiveCounts, type ExpiringMessage } from './expiring-messages.ts';
import { loadNotifiedLog, saveNotifiedLog } from './notified-log-store.ts';
import { isQuiet, quietEndsAt } from './quiet-hours.ts';
import { companyLabel } from '../archive/company-label.ts';
import { UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
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
  /** The company whose e-Box is open (its CBE number; the badge counts its mail) and every company's name. */
  companies?: () => Promise<CompanyNames>;
}

export interface CompanyNames {
  open?: string | undefined;
  names: Record<string, string>;
}

export interface CompanyCounts {
  /** Not archived and expiring within the window. */
  expiring: number;
  counts: ArchiveCounts;
}

export interface ExpiryOverview {
  /** Not archived and expiring within the window, soonest first, every company's (each says whose). */
  expiring: ExpiringMessage[];
  /** Of the company the badge counts (the open e-Box's), or of every company when none is known. */
  counts: ArchiveCounts;
  /** The company the badge counts: the one whose e-Box is open. */
  badgeCompany?: string;
  byCompany: Record<string, CompanyCounts>;
  /** Names as shown ("Name (0123.456.789)"), by company key. */
  companyNames: Record<string, string>;
  /** During quiet hours: until when, and how many reminders wait for the end. */
  quiet?: { until: string; waiting: number };
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
    const [settings, snapshot, log, companies] = await Promise.all([loadSettings(), deps.source.read(), loadNotifiedLog(), deps.companies?.() ?? Promise.resolve<CompanyNames>({ names: {} })]);
    const pending = stillInEbox(snapshot.messages, now);
    const expiring = inWindow(pending, settings.warningWindowDays);
    const companyOf = (m: { enterprise?: string | undefined }) => m.enterprise ?? UNKNOWN_ENTERPRISE;
    const companyNames: Record<string, string> = {};
    const byCompany: Record<string, CompanyCounts> = {};
    for (const m of pending) {
      const key = companyOf(m);
      companyNames[key] ??= companyLabel({ key, name: companies.names[key] });
      const c = (byCompany[key] ??= { expiring: 0, counts: { archived: 0, notArchived: 0 } });
      if (m.archived) c.counts.archived++;
      else c.counts.notArchived++;
    }
    for (const m of expiring) byCompany[companyOf(m)]!.expiring++;
    const nameOf = (key: string) => companyNames[key] ?? companyLabel({ key, name: companies.names[key] });

    // The badge counts the mail of the company whose e-Box is open, and says which.
    const badgeCompany = companies.open;
    const counted = badgeCompany ? expiring.filter((m) => companyOf(m) === badgeCompany) : expiring;
    const badge = badgeFor(counted);
    const base = counted.length === 0 ? t('extName') : `${t('extName')}: ${tn('expiry_badgeTitle', counted.length, settings.warningWindowDays)}`;
    let title = badgeCompany ? t('companies.badgeTitle', base, nameOf(badgeCompany)) : base;

    let due: DueNotification[] = [];
    let quiet: ExpiryOverview['quiet'];
    if (settings.notificationsEnabled) {
      const ready = dueNotifications(pending, settings.thresholds, log);
      if (!isQuiet(now, settings.quietHours)) due = ready;
      else if (ready.length) {
        // Held back, not dropped: the user sees that reminders wait for the end of the quiet hours.
        const until = quietEndsAt(now, settings.quietHours)!;
        quiet = { until: new Date(until).toISOString(), waiting: ready.length };
        const at = new Intl.DateTimeFormat(currentIntlLocale(), { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(until);
        title = `${title} · ${tn('companies.quietWaiting', ready.length, at)}`;
      }
    }
    await paintBadge(badge, title);
    const nextLog = updatedLog(log, due, pending);
    // Recorded before showing: a worker killed in between loses one reminder rather than repeating it.
    if (!sameLog(log, nextLog)) await saveNotifiedLog(nextLog);
    await showReminders(due, nameOf);
    await clearStaleReminders(new Set(pending.filter((m) => !m.archived).map((m) => m.messageId)));
    await scheduleWake(nextWake(now, settings.quietHours));

    return {
      expiring,
      counts: archiveCounts(badgeCompany ? pending.filter((m) => companyOf(m) === badgeCompany) : pending),
      ...(badgeCompany ? { badgeCompany } : {}),
      byCompany,
      companyNames,
      ...(quiet ? { quiet } : {}),
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
