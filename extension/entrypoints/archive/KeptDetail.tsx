// A message only the helper keeps (its own sync, no browser involved): what the e-Box gave, each document's state,
// opened or downloaded from the helper, and the receipt of retrieval when it is registered mail.
import { useState } from 'preact/hooks';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { currentIntlLocale, currentLanguage, t } from '@/src/i18n/i18n';
import { formatBytes } from '@/src/overlay/format';
import { askKeptDocument, askSaveKeptDocument } from '@/src/helper-kept/kept-api';
import { eboxMessageOf, type KeptMessage } from '@/src/helper-kept/kept-rows';
import { translate } from '../../../shared/ebox/model.ts';
import { openBlob } from './archive-data';

export function KeptDetail({ kept, companyName, typeName, onClose }: { kept: KeptMessage; companyName: (key: string) => string; typeName: (id: string, fallback?: TranslatedString) => string; onClose: () => void }) {
  const lang = currentLanguage();
  const locale = currentIntlLocale();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const m = eboxMessageOf(kept);
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));
  const act = (work: () => Promise<string | undefined>) => void work().then((text) => setNotice(text ? { kind: 'ok', text } : undefined), (e: unknown) => setNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) }));
  const save = async (sha256: string, fileName: string) => {
    const saved = await askSaveKeptDocument(sha256, fileName);
    return saved ? t('kept.saved', saved.filename) : undefined;
  };
  const stateText = (d: KeptMessage['documents'][number]) =>
    d.state === 'kept' ? `✓ ${t('kept.stateKept')}` : d.state === 'mismatch' ? `⚠ ${t('kept.stateMismatch')}` : d.state === 'gone' ? `⚠ ${t('kept.stateGone')}` : d.state === 'failed' ? `⚠ ${t('kept.stateFailed', d.error ?? '')}` : t('kept.statePending');
  return (
    <aside class="detail" data-part="detail" data-kept="helper" data-message-id={m.messageId} data-company={kept.enterprise}>
      <button type="button" class="close" onClick={onClose} aria-label={t('kept.close')}>×</button>
      <h2>{translate(m.subject, lang)}</h2>
      <p><span class="chip kept" title={t('kept.keptByHelperTitle')}>{t('kept.keptByHelper')}</span></p>
      <dl>
        <dt>{t('companies.company')}</dt>
        <dd data-part="detail-company">{companyName(kept.enterprise)}</dd>
        <dt>{t('archive_sender')}</dt>
        <dd>{m.senderOrganizationId}</dd>
        <dt>{t('archive_type')}</dt>
        <dd>{typeName(m.messageTypeId)}</dd>
        <dt>{t('archive_received')}</dt>
        <dd>{when(kept.receiptDate)}</dd>
        <dt>{t('archive_expires')}</dt>
        <dd>{when(kept.expirationDate)}</dd>
        {m.registeredMail && (<><dt>{t('archive_registered')}</dt><dd>✉ {t('archive_yes')}</dd></>)}
      </dl>
      {kept.receiptId && <p class="ok" data-part="kept-receipt">{t('kept.receipt', kept.receiptId)}</p>}
      <section>
        <h3>{t('kept.documents')}</h3>
        <ul class="docs">
          {kept.documents.map((d) => (
            <li data-attachment-id={d.attachmentId} data-state={d.state}>
              <div>
                <strong>{d.fileName}</strong> {d.sizeBytes !== null && <span class="muted">{formatBytes(d.sizeBytes, locale)}</span>}
              </div>
              <div class={d.state === 'kept' ? 'ok' : 'bad'}>{stateText(d)}</div>
              {d.sha256 && (
                <div class="row">
                  <button type="button" data-action="open" onClick={() => act(async () => {
                    const blob = await askKeptDocument(d.sha256!, d.fileName, d.mediaType);
                    if (!blob || openBlob(blob, d.mediaType)) return undefined;
                    // Not a type the browser may show from the extension's origin: saved instead.
                    await save(d.sha256!, d.fileName);
                    return t('kept.cannotShow');
                  })}>{t('kept.open')}</button>
                  <button type="button" data-action="download" onClick={() => act(() => save(d.sha256!, d.fileName))}>{t('kept.download')}</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      {notice && <p class={`notice ${notice.kind}`} role="status" data-part="kept-notice">{notice.text}</p>}
      <p class="muted small">{m.contractVersion} · {m.messageId} · {kept.provider}</p>
    </aside>
  );
}
