// The company switcher of the archive page, the popup and the side panel: one company at a time (the one whose
// e-Box is open by default), "company unknown" for mail archived before companies were recorded, and "all
// companies" only as an explicit choice.
import { t } from '../i18n/i18n.ts';
import { ALL_COMPANIES } from './company-scope.ts';
import { companyLabel } from './company-label.ts';

export { companyLabel };

export interface SwitcherCompany {
  key: string;
  name?: string;
  /** How many messages the archive holds for it, when known. */
  messages?: number;
}

export function CompanySwitcher(props: { companies: readonly SwitcherCompany[]; value: string; openCbe?: string | undefined; onChange: (key: string) => void; name?: string }) {
  const listed = props.companies.some((c) => c.key === props.value) || props.value === ALL_COMPANIES ? props.companies : [...props.companies, { key: props.value }];
  return (
    <label class="company-switcher" data-part="company-switcher" data-company={props.value}>
      <span class="company-switcher-label">{t('companies.label')}</span>
      <select name={props.name ?? 'company'} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {listed.map((c) => (
          <option value={c.key}>
            {companyLabel(c)}
            {c.key === props.openCbe ? ` · ${t('companies.open')}` : ''}
            {c.messages !== undefined ? ` · ${c.messages}` : ''}
          </option>
        ))}
        <option value={ALL_COMPANIES}>{t('companies.all')}</option>
      </select>
    </label>
  );
}
