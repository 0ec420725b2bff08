// How a company is named on every screen: "Boulangerie Dupont SRL (0412.345.614)", the CBE number alone when its
// name was never seen, "company unknown", or "all companies".
import { formatCbe, UNKNOWN_ENTERPRISE } from '../../../shared/ebox/enterprise.ts';
import { t } from '../i18n/i18n.ts';
import { ALL_COMPANIES } from './company-scope.ts';

export function companyLabel(company: { key: string; name?: string | undefined } | undefined): string {
  if (!company || company.key === UNKNOWN_ENTERPRISE) return t('companies.unknown');
  if (company.key === ALL_COMPANIES) return t('companies.all');
  return company.name ? `${company.name} (${formatCbe(company.key)})` : formatCbe(company.key);
}
