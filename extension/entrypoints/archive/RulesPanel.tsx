// The rules: when sender, type, subject words or registered match, add labels or tags and optionally archive.
// Saved in the archive's database; the service worker applies them to messages as they appear in the e-Box.
import { useEffect, useState } from 'preact/hooks';
import { sharedArchiveDb } from '@/src/archive/db';
import { saveRule } from '@/src/rules/apply';
import type { Rule } from '@/src/rules/rule';
import { t } from '@/src/i18n/i18n';
import type { ArchiveMeta } from './archive-data';
import { ALL_COMPANIES, inScope } from '@/src/archive/company-scope';
import { companyLabel } from '@/src/archive/company-switcher';
import { labelsOf } from '@/src/archive/labels';
import { LabelsPanel } from './LabelsPanel';

type Tri = '' | 'yes' | 'no';

export function RulesPanel({ meta, company, senders, types, onLabelsChange }: { meta: ArchiveMeta; company: string; senders: [string, string][]; types: [string, string][]; onLabelsChange: () => void }) {
  const db = sharedArchiveDb();
  const [rules, setRules] = useState<Rule[]>([]);
  // A new rule is for the company shown; in "all companies" the user must say which (or all, explicitly).
  const [form, setForm] = useState({ name: '', enterprise: company === ALL_COMPANIES ? '' : company, sender: '', type: '', words: '', registered: '' as Tri, labels: [] as string[], tags: '', archive: false });
  const companyChoices = [...meta.companies.map((c) => [c.key, companyLabel(c)] as [string, string]), [ALL_COMPANIES, t('companies.all')] as [string, string]];
  const shown = rules.filter((r) => inScope(company, r.enterprise) || r.enterprise === ALL_COMPANIES);
  const pickable = labelsOf(meta.labels, form.enterprise || ALL_COMPANIES).filter((l) => form.enterprise !== '' && (l.enterprise === ALL_COMPANIES || l.enterprise === form.enterprise));
  const [error, setError] = useState('');
  const refresh = () => void db.rules.toArray().then(setRules);
  useEffect(refresh, []);
  const senderName = new Map(senders);
  const typeName = new Map(types);

  const save = async () => {
    setError('');
    try {
      await saveRule(db, {
        id: crypto.randomUUID(),
        name: form.name,
        enabled: true,
        enterprise: form.enterprise,
        when: {
          ...(form.sender ? { senderOrganizationIds: [form.sender] } : {}),
          ...(form.type ? { messageTypeIds: [form.type] } : {}),
          ...(form.words.trim() ? { subjectWords: form.words.trim().split(/\s+/) } : {}),
          ...(form.registered ? { registered: form.registered === 'yes' } : {}),
        },
        then: { labels: form.labels, tags: form.tags.split(',').map((x) => x.trim()).filter(Boolean), archive: form.archive },
      });
      setForm({ ...form, name: '', words: '', tags: '' });
      refresh();
    } catch (e) {
      const issues = (e as { issues?: { message: string }[] }).issues;
      setError(issues ? issues.map((i) => i.message).join('; ') : e instanceof Error ? e.message : String(e));
    }
  };

  const describe = (r: Rule) => [
    r.when.senderOrganizationIds?.map((id) => senderName.get(id) ?? id).join(' / '),
    r.when.messageTypeIds?.map((id) => typeName.get(id) ?? id).join(' / '),
    r.when.subjectWords?.length ? `“${r.when.subjectWords.join(' ')}”` : undefined,
    r.when.registered === undefined ? undefined : `${t('archive_registered')}: ${r.when.registered ? t('archive_yes') : t('archive_no')}`,
  ].filter(Boolean).join(' · ');
  const actions = (r: Rule) => [
    ...r.then.labels.map((l) => meta.paths.get(l) ?? l),
    ...r.then.tags.map((x) => `#${x}`),
    r.then.archive ? t('archive_ruleArchive') : undefined,
  ].filter(Boolean).join(' · ');

  return (
    <div class="rules" data-part="rules">
      <div class="stack">
      <section class="card">
        <h2>{t('archive_rules')}</h2>
        {shown.length === 0 ? <p class="muted">{t('archive_noRules')}</p> : (
          <ul class="rule-list">
            {shown.map((r) => (
              <li data-rule-id={r.id} data-company={r.enterprise}>
                <label><input type="checkbox" checked={r.enabled} onChange={(e) => void db.rules.update(r.id, { enabled: e.currentTarget.checked }).then(refresh)} /> <strong>{r.name}</strong></label>
                <label class="inline">{t('companies.ruleFor')}
                  <select name="rule-company-of" value={r.enterprise} onChange={(e) => void db.rules.update(r.id, { enterprise: e.currentTarget.value }).then(refresh)}>
                    {companyChoices.map(([key, name]) => <option value={key}>{name}</option>)}
                  </select>
                </label>
                <div><span class="muted">{t('archive_ruleWhen')}</span> {describe(r)}</div>
                <div><span class="muted">{t('archive_ruleThen')}</span> {actions(r)}</div>
                <button type="button" class="danger" onClick={() => void db.rules.delete(r.id).then(refresh)}>{t('archive_ruleDelete')}</button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <LabelsPanel meta={meta} company={company} onChange={onLabelsChange} />
      </div>
      <form class="card rule-form" onSubmit={(e) => (e.preventDefault(), void save())}>
        <label>{t('archive_ruleName')}<input type="text" name="rule-name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} /></label>
        <label>{t('companies.ruleFor')}
          <select name="rule-company" value={form.enterprise} onChange={(e) => setForm({ ...form, enterprise: e.currentTarget.value, labels: [] })}>
            <option value="">{t('companies.choose')}</option>
            {companyChoices.map(([key, name]) => <option value={key}>{name}</option>)}
          </select>
        </label>
        {form.enterprise === ALL_COMPANIES && <p class="muted small">{t('companies.ruleAllWarning')}</p>}
        <fieldset>
          <legend>{t('archive_ruleWhen')}</legend>
          <label>{t('archive_sender')}<select name="rule-sender" value={form.sender} onChange={(e) => setForm({ ...form, sender: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{senders.map(([id, name]) => <option value={id}>{name}</option>)}</select></label>
          <label>{t('archive_type')}<select name="rule-type" value={form.type} onChange={(e) => setForm({ ...form, type: e.currentTarget.value })}><option value="">{t('archive_any')}</option>{types.map(([id, name]) => <option value={id}>{name}</option>)}</select></label>
          <label>{t('archive_ruleSubjectWords')}<input type="text" name="rule-words" value={form.words} onInput={(e) => setForm({ ...form, words: e.currentTarget.value })} /></label>
          <label>{t('archive_registered')}<select name="rule-registered" value={form.registered} onChange={(e) => setForm({ ...form, registered: e.currentTarget.value as Tri })}><option value="">{t('archive_any')}</option><option value="yes">{t('archive_yes')}</option><option value="no">{t('archive_no')}</option></select></label>
        </fieldset>
        <fieldset>
          <legend>{t('archive_ruleThen')}</legend>
          <div class="label-picks">
            {pickable.map((l) => [l.id, meta.paths.get(l.id) ?? l.name] as const).sort((a, b) => a[1].localeCompare(b[1])).map(([id, path]) => (
              <label><input type="checkbox" checked={form.labels.includes(id)} onChange={(e) => setForm({ ...form, labels: e.currentTarget.checked ? [...form.labels, id] : form.labels.filter((l) => l !== id) })} /> {path}</label>
            ))}
          </div>
          <label>{t('archive_ruleTags')}<input type="text" name="rule-tags" value={form.tags} onInput={(e) => setForm({ ...form, tags: e.currentTarget.value })} /></label>
          <label class="inline"><input type="checkbox" name="rule-archive" checked={form.archive} onChange={(e) => setForm({ ...form, archive: e.currentTarget.checked })} /> {t('archive_ruleArchive')}</label>
        </fieldset>
        {error && <p class="bad" role="alert">{error}</p>}
        <button type="submit" data-action="save-rule">{t('archive_ruleSave')}</button>
      </form>
    </div>
  );
}
