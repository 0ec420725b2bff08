// Which company a record belongs to, and what a rule, label or view covers. A record's company is a CBE number or
// UNKNOWN_ENTERPRISE; a scope is one of those or ALL_COMPANIES, which must always be chosen explicitly.
import { normaliseCbe, UNKNOWN_ENTERPRISE, type Enterprise } from '../../../shared/ebox/enterprise.ts';

export const ALL_COMPANIES = '*';

/** A record's company key from what the e-Box told; unknown when it told nothing checkable. */
export function companyKeyOf(enterprise: Pick<Enterprise, 'cbe'> | undefined): string {
  return normaliseCbe(enterprise?.cbe) ?? UNKNOWN_ENTERPRISE;
}

export function isCompanyKey(key: string): boolean {
  return key === UNKNOWN_ENTERPRISE || normaliseCbe(key) === key;
}

export function isCompanyScope(scope: string): boolean {
  return scope === ALL_COMPANIES || isCompanyKey(scope);
}

export function inScope(scope: string, company: string): boolean {
  return scope === ALL_COMPANIES || scope === company;
}
