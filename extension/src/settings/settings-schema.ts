// The user's settings: what they mean, their defaults and their validation. Domain only (no browser API), so the
// options page, the service worker and the tests share one definition.
import { z } from 'zod';

export const LANGUAGE_CHOICES = ['auto', 'fr', 'nl', 'de', 'en'] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export const MAX_WINDOW_DAYS = 90;
export const MAX_THRESHOLDS = 6;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00 to 23:59)');
const days = z.int().min(0).max(MAX_WINDOW_DAYS);

export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  start: timeOfDay,
  end: timeOfDay,
});

export const settingsSchema = z.object({
  /** The badge counts unarchived messages expiring within this many days. */
  warningWindowDays: z.int().min(1).max(MAX_WINDOW_DAYS),
  /** Days before expiry at which a reminder is shown, once each; kept unique and most distant first. */
  thresholds: z
    .array(days)
    .max(MAX_THRESHOLDS)
    .transform((list) => [...new Set(list)].sort((a, b) => b - a)),
  notificationsEnabled: z.boolean(),
  quietHours: quietHoursSchema,
  /** 'auto' follows the browser's language. */
  language: z.enum(LANGUAGE_CHOICES),
  /** Registered messages opened in the e-Box get a signed acknowledgement of receipt from the helper, once. */
  acknowledgeOnOpen: z.boolean(),
  /** "Your name on receipts": who opened a message when the e-Box app does not say who is signed in. */
  nameOnReceipts: z.string().trim().max(200),
  /** The in-page overlay on the e-Box page; off, everything stays in the side panel. */
  showOnPage: z.boolean(),
  /** Before a bulk job: say once that archiving marks messages read in the e-Box (until "don't show again"). */
  warnArchiveMarksRead: z.boolean(),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  warningWindowDays: 14,
  thresholds: [14, 7, 1],
  notificationsEnabled: true,
  quietHours: { enabled: true, start: '22:00', end: '07:00' },
  language: 'auto',
  acknowledgeOnOpen: true,
  nameOnReceipts: '',
  showOnPage: true,
  warnArchiveMarksRead: true,
};

/**
 * Reads whatever is stored (possibly from an older version, possibly damaged): each field that does not validate
 * falls back to its default on its own, so one bad field never discards the others.
 */
export function readSettings(stored: unknown): Settings {
  const raw = stored !== null && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(raw[key]);
    out[key] = parsed.success ? parsed.data : DEFAULT_SETTINGS[key];
  }
  return out as Settings;
}

export class InvalidSettingsError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InvalidSettingsError';
    this.field = field;
  }
}

/** Applies a change the user asked for; throws InvalidSettingsError naming the first bad field. */
export function applySettingsChange(current: Settings, change: Partial<Settings>): Settings {
  const parsed = settingsSchema.safeParse({ ...current, ...change });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidSettingsError(issue.path.join('.') || 'settings', issue.message);
  }
  return parsed.data;
}
