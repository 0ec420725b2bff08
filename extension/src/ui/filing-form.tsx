// Labels, free tags, a note and "archive now": shared by the overlay (message view, inbox quick action) and the side panel.
import { useState } from 'preact/hooks';
import { labelPaths } from '../archive/labels.ts';
import type { Label } from '../archive/records.ts';
import { currentIntlLocale, t, tn } from '../i18n/i18n.ts';
import { callWorker } from '../messaging/client.ts';
import type { FilingView } from '../messaging/protocol.ts';
import type { OverlayStore } from '../overlay/overlay-store.ts';

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

export function FilingForm({ messageId, filing, labels, store, user }: {
  messageId: string;
  filing: FilingView;
  labels: readonly Label[];
  store: OverlayStore;
  user: string;
}) {
  const [chosen, setChosen] = useState<string[]>(filing.labels);
  const [tags, setTags] = useState<string[]>(filing.tags);
  const [tagInput, setTagInput] = useState('');
  const [note, setNote] = useState(filing.note);
  const [newLabel, setNewLabel] = useState({ name: '', color: '#0b5cad', parentId: '' });
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const paths = labelPaths(labels);
  const sorted = [...labels].sort((a, b) => (paths.get(a.id) ?? '').localeCompare(paths.get(b.id) ?? ''));

  const remember = (view: FilingView) => store.update((s) => void s.filing.set(view.messageId, view));
  const fail = (e: unknown) => setStatus({ kind: 'error', text: t('overlay_error', e instanceof Error ? e.message : String(e)) });

  const save = async () => {
    setStatus({ kind: 'busy', text: '…' });
    try {
      const pending = tagInput.trim() ? [...tags, tagInput.trim()] : tags;
      setTagInput('');
      const view = await callWorker('filing.set', { messageId, labels: chosen, tags: pending, note });
      setTags(view.tags);
      remember(view);
      setStatus({ kind: 'ok', text: t('overlay_saved') });
    } catch (e) {
      fail(e);
    }
  };

  const archive = async () => {
    setStatus({ kind: 'busy', text: t('overlay_archiving') });
    try {
      await save();
      const outcome = await callWorker('archive.one', { messageId, by: user });
      const [view] = await callWorker('filing.get', { ids: [messageId] });
      if (view) remember(view);
      if (outcome.status === 'archived') setStatus({ kind: 'ok', text: t('overlay_archived') + (outcome.mismatches.length ? ` · ⚠ ${t('overlay_mismatch')}: ${outcome.mismatches.join(', ')}` : '') });
      else setStatus({ kind: 'error', text: tn('overlay_missingDocs', outcome.missing.length) + ': ' + outcome.missing.map((m) => `${m.fileName} (${m.reason})`).join('; ') });
    } catch (e) {
      fail(e);
    }
  };

  const addLabel = async () => {
    try {
      const label = await callWorker('labels.create', { name: newLabel.name, color: newLabel.color, ...(newLabel.parentId ? { parentId: newLabel.parentId } : {}) });
      store.update((s) => void s.labels.push(label));
      setChosen([...chosen, label.id]);
      setNewLabel({ ...newLabel, name: '' });
    } catch (e) {
      fail(e);
    }
  };

  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);

  return (
    <form class="filing" onSubmit={(e) => (e.preventDefault(), void save())}>
      <div class="field">
        <span>{t('overlay_labels')}</span>
        <div class="labels" data-part="labels">
          {sorted.map((l) => (
            <label title={paths.get(l.id)}>
              <input type="checkbox" checked={chosen.includes(l.id)} onChange={() => toggle(l.id)} data-label-id={l.id} />
              <span class="swatch" style={{ background: l.color }} />
              {paths.get(l.id)}
            </label>
          ))}
        </div>
        <div class="row" data-part="new-label">
          <input type="text" placeholder={t('overlay_newLabel')} value={newLabel.name} onInput={(e) => setNewLabel({ ...newLabel, name: e.currentTarget.value })} name="new-label" />
          <input type="color" value={newLabel.color} onInput={(e) => setNewLabel({ ...newLabel, color: e.currentTarget.value })} aria-label="colour" />
          <select value={newLabel.parentId} onChange={(e) => setNewLabel({ ...newLabel, parentId: e.currentTarget.value })} aria-label={t('overlay_labelParent')}>
            <option value="">{t('overlay_noParent')}</option>
            {sorted.map((l) => (
              <option value={l.id}>{paths.get(l.id)}</option>
            ))}
          </select>
          <button type="button" class="secondary" disabled={!newLabel.name.trim()} onClick={() => void addLabel()} data-action="add-label">
            {t('overlay_addLabel')}
          </button>
        </div>
      </div>
      <div class="field">
        <span>{t('overlay_tags')}</span>
        <div class="row">
          {tags.map((tag) => (
            <span class="chip tag">
              {tag}
              <button type="button" aria-label={t('overlay_removeTag', tag)} onClick={() => setTags(tags.filter((x) => x !== tag))}>
                ×
              </button>
            </span>
          ))}
          <input
            type="text"
            name="tag"
            placeholder={t('overlay_tagsPlaceholder')}
            value={tagInput}
            onInput={(e) => setTagInput(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && tagInput.trim()) {
                e.preventDefault();
                setTags([...tags, tagInput.trim()]);
                setTagInput('');
              }
            }}
          />
        </div>
      </div>
      <label class="field">
        <span>{t('overlay_note')}</span>
        <textarea name="note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="row">
        <button type="submit" class="secondary" data-action="save" disabled={status.kind === 'busy'}>
          {t('overlay_save')}
        </button>
        <button type="button" class="primary" data-action="archive" disabled={status.kind === 'busy'} onClick={() => void archive()}>
          {status.kind === 'busy' && status.text === t('overlay_archiving') ? t('overlay_archiving') : t('overlay_archiveNow')}
        </button>
        {status.kind !== 'idle' && <span class={`status ${status.kind}`} data-part="status" role="status">{status.text}</span>}
      </div>
      {filing.archivedAt && (
        <p class="status ok" data-part="archived-at">
          {t('overlay_archivedAt', new Date(filing.archivedAt).toLocaleString(currentIntlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }), filing.archivedBy ?? '')}
        </p>
      )}
    </form>
  );
}
