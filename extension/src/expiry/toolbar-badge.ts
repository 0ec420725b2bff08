// What the toolbar badge shows for a list of expiring messages.
import { urgencyOf, type ExpiringMessage, type Urgency } from './expiring-messages.ts';

export interface BadgeState {
  /** Empty when nothing expires: Chrome then hides the badge. */
  text: string;
  color: string;
  urgency: Urgency | null;
}

export const BADGE_COLORS: Record<Urgency, string> = {
  critical: '#C62828',
  soon: '#EF6C00',
  later: '#1565C0',
};

/** `expiring` must already be the filtered window (inWindow); the colour follows the most urgent one. */
export function badgeFor(expiring: readonly ExpiringMessage[]): BadgeState {
  if (expiring.length === 0) return { text: '', color: BADGE_COLORS.later, urgency: null };
  const minDays = Math.min(...expiring.map((m) => m.daysLeft));
  const urgency = urgencyOf(minDays);
  // The badge has room for about four characters.
  const text = expiring.length > 999 ? '999+' : String(expiring.length);
  return { text, color: BADGE_COLORS[urgency], urgency };
}
