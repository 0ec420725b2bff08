// One model of "which company": an e-Box belongs to one enterprise, named by its CBE/KBO number (10 digits, first
// 0 or 1; ../shared/ebox-domain.md). Every archived record, rule, reminder, job, receipt and bundle carries one.

export interface Enterprise {
  /** The CBE/KBO number, 10 digits, no dots or spaces. */
  cbe: string;
  /** The name as last seen (the app's data, else its header). */
  name?: string;
}

/** Where a record's company could not be known (archives made before companies were recorded). */
export const UNKNOWN_ENTERPRISE = 'unknown' as const;
export type EnterpriseKey = string | typeof UNKNOWN_ENTERPRISE;

/** A CBE number in its canonical form, or undefined when the text is not one. Accepts "0123.456.789",
 *  "BE 0123 456 789", "123456789" (the 9-digit form from before 2005 gets its leading 0), and checks the
 *  mod-97 check digits that every CBE number carries. */
export function normaliseCbe(text: string | undefined | null): string | undefined {
  if (!text) return undefined;
  let digits = text.replace(/^\s*BE/i, '').replace(/[\s.\-]/g, '');
  if (!/^\d{9,10}$/.test(digits)) return undefined;
  if (digits.length === 9) digits = `0${digits}`;
  if (digits[0] !== '0' && digits[0] !== '1') return undefined;
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return 97 - (base % 97) === check ? digits : undefined;
}

/** "0123.456.749": how Belgian documents print a CBE number. */
export function formatCbe(cbe: string): string {
  return `${cbe.slice(0, 4)}.${cbe.slice(4, 7)}.${cbe.slice(7)}`;
}
