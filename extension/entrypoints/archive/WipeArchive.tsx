// "Delete the whole archive", away from the everyday buttons, and only after the user has typed the word asked:
// a click alone (or a stray Enter) never deletes an archive.
import { useState } from 'preact/hooks';
import { sharedArchiveDb } from '@/src/archive/db';
import { t } from '@/src/i18n/i18n';

export function WipeArchive({ onWiped }: { onWiped: () => void }) {
  const db = sharedArchiveDb();
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { error: string }>('idle');
  const word = t('companies.wipeWord');
  const ready = typed.trim().toLocaleLowerCase() === word.toLocaleLowerCase();
  const wipe = async () => {
    setState('busy');
    try {
      await db.transaction('rw', [db.messages, db.documents, db.labels, db.rules, db.names, db.jobs, db.companies, db.searchDocs, db.searchIndexes], () =>
        Promise.all([db.messages.clear(), db.documents.clear(), db.labels.clear(), db.rules.clear(), db.names.clear(), db.jobs.clear(), db.companies.clear(), db.searchDocs.clear(), db.searchIndexes.clear()]),
      );
      setTyped('');
      setState('done');
      onWiped();
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section class="card danger-zone" data-part="wipe">
      <h2>{t('archive_wipe')}</h2>
      <p>{t('archive_wipeConfirm')}</p>
      <form class="row" onSubmit={(e) => (e.preventDefault(), ready && void wipe())}>
        <label>
          {t('companies.wipeType', word)}
          <input type="text" name="wipe-confirm" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit" class="danger" data-action="wipe" disabled={!ready || state === 'busy'}>{t('archive_wipe')}</button>
      </form>
      {state === 'done' && <p class="ok" role="status">{t('companies.wiped')}</p>}
      {typeof state === 'object' && <p class="bad" role="alert">{state.error}</p>}
    </section>
  );
}
