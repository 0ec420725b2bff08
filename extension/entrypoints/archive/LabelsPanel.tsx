// Nested, coloured labels: create one under another, recolour, delete (children move up, messages lose it).
import { useState } from 'preact/hooks';
import { sharedArchiveDb } from '@/src/archive/db';
import { createLabel, deleteLabel, recolourLabel } from '@/src/archive/labels';
import { t } from '@/src/i18n/i18n';
import { labelsOf } from '@/src/archive/labels';
import type { ArchiveMeta } from './archive-data';

/** The labels of `company`'s label set and those shared by all; new ones go into `company`'s set. */
export function LabelsPanel({ meta, company, onChange }: { meta: ArchiveMeta; company: string; onChange: () => void }) {
  const db = sharedArchiveDb();
  const data = meta;
  const [form, setForm] = useState({ name: '', color: '#0b5cad', parentId: '' });
  const [error, setError] = useState('');
  const sorted = labelsOf(meta.labels, company).sort((a, b) => (data.paths.get(a.id) ?? '').localeCompare(data.paths.get(b.id) ?? ''));
  const act = (p: Promise<unknown>) =>
    void p.then(
      () => (setError(''), onChange()),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <section class="card labels-card" data-part="labels">
      <h2>{t('overlay_labels')}</h2>
      <ul class="rule-list">
        {sorted.map((l) => (
          <li data-label-id={l.id} class="label-row">
            <input type="color" value={l.color} aria-label="colour" onChange={(e) => act(recolourLabel(db, l.id, e.currentTarget.value))} />
            <span style={{ paddingLeft: `${((data.paths.get(l.id) ?? '').split(' / ').length - 1) * 14}px` }}>{data.paths.get(l.id)}</span>
            <button type="button" class="danger" onClick={() => act(deleteLabel(db, l.id))}>{t('archive_ruleDelete')}</button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={(e) => (e.preventDefault(), act(createLabel(db, { name: form.name, color: form.color, enterprise: company, ...(form.parentId ? { parentId: form.parentId } : {}) }).then(() => setForm({ ...form, name: '' }))))}>
        <input type="text" name="label-name" placeholder={t('overlay_newLabel')} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        <input type="color" value={form.color} aria-label="colour" onInput={(e) => setForm({ ...form, color: e.currentTarget.value })} />
        <select aria-label={t('overlay_labelParent')} value={form.parentId} onChange={(e) => setForm({ ...form, parentId: e.currentTarget.value })}>
          <option value="">{t('overlay_noParent')}</option>
          {sorted.map((l) => <option value={l.id}>{data.paths.get(l.id)}</option>)}
        </select>
        <button type="submit" disabled={!form.name.trim()}>{t('overlay_addLabel')}</button>
      </form>
      {error && <p class="bad" role="alert">{error}</p>}
    </section>
  );
}
