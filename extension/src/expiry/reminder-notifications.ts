// The reminder notifications: one per message and threshold, or one summary when many fall due together (a first
// visit to a full e-Box must not throw twenty notifications at the user).
import { browser } from 'wxt/browser';
import { translate } from '../../../shared/ebox/model.ts';
import { currentLanguage, currentIntlLocale, t } from '../i18n/i18n.ts';
import type { DueNotification } from './due-notifications.ts';
import type { ExpiringMessage } from './expiring-messages.ts';

/** More than this many at once are shown as one summary. */
export const MAX_SEPARATE_REMINDERS = 3;
export const SUMMARY_NOTIFICATION_ID = 'expiry-summary';
const PREFIX = 'expiry|';
export const ARCHIVE_BUTTON = 0;
export const OPEN_BUTTON = 1;

export function reminderId(messageId: string, threshold: number): string {
  return `${PREFIX}${threshold}|${messageId}`;
}

export function messageIdOfReminder(notificationId: string): string | null {
  if (!notificationId.startsWith(PREFIX)) return null;
  const rest = notificationId.slice(PREFIX.length);
  const bar = rest.indexOf('|');
  return bar < 0 ? null : rest.slice(bar + 1);
}

export function whenText(daysLeft: number): string {
  if (daysLeft <= 0) return t('expiry_dueToday');
  if (daysLeft === 1) return t('expiry_dueTomorrow');
  return t('expiry_dueInDays', daysLeft);
}

export function senderText(m: Pick<ExpiringMessage, 'senderName' | 'senderOrganizationId'>): string {
  return translate(m.senderName, currentLanguage()) || m.senderOrganizationId;
}

export function deadlineText(expirationDate: string): string {
  return new Intl.DateTimeFormat(currentIntlLocale(), {
    timeZone: 'Europe/Brussels',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(expirationDate));
}

const ICON = '/icon/128.png';

/**
 * Firefox refuses notifications with buttons, priority or requireInteraction (a type error, not a warning): there a
 * click on the reminder opens the e-Box and archiving is one click away in the popup.
 */
function chromeOnly<T extends object>(options: T): T | Record<string, never> {
  return import.meta.env.BROWSER === 'firefox' ? {} : options;
}

/** `companyName` names the company whose mail each reminder is about (key 'unknown' when it is not known). */
export async function showReminders(due: readonly DueNotification[], companyName: (key: string) => string): Promise<void> {
  if (due.length === 0) return;
  const companyOf = (d: DueNotification) => companyName(d.message.enterprise ?? 'unknown');
  if (due.length > MAX_SEPARATE_REMINDERS) {
    const soonest = Math.min(...due.map((d) => d.message.daysLeft));
    const companies = [...new Set(due.map(companyOf))];
    await browser.notifications.create(SUMMARY_NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: browser.runtime.getURL(ICON),
      title: t('expiry_summaryTitle', due.length),
      message: `${t('expiry_summaryMessage', whenText(soonest))} ${t('companies.summaryCompanies', companies.join(', '))}`,
      ...chromeOnly({ priority: 2 }),
    });
    return;
  }
  for (const d of due) {
    const m = d.message;
    await browser.notifications.create(reminderId(m.messageId, d.threshold), {
      type: 'basic',
      iconUrl: browser.runtime.getURL(ICON),
      title: t('expiry_reminderTitle', whenText(m.daysLeft)),
      message: translate(m.subject, currentLanguage()),
      contextMessage: `${t('companies.reminderFor', companyOf(d))} · ${senderText(m)} · ${deadlineText(m.expirationDate)}`,
      ...chromeOnly({
        buttons: [{ title: t('expiry_archiveNow') }, { title: t('expiry_openInEbox') }],
        priority: m.daysLeft < 3 ? 2 : 1,
        requireInteraction: m.daysLeft < 3,
      }),
    });
  }
}

export async function showArchiveFailure(messageId: string, error: unknown): Promise<void> {
  await browser.notifications.create(`expiry-failed|${messageId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    title: t('expiry_archiveFailedTitle'),
    message: error instanceof Error ? error.message : String(error),
    ...chromeOnly({ priority: 2 }),
  });
}
