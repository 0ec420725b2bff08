// One archived message: every field the e-Box gave, the filing, and each document version with its integrity,
// to open (PDFs in the browser's viewer) or download. All text is rendered as text, never as HTML.
import { useEffect, useState } from 'preact/hooks';
import type { DocumentRecord, MessageRecord } from '@/src/archive/records';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { currentIntlLocale, currentLanguage, t } from '@/src/i18n/i18n';
import { formatBytes } from '@/src/overlay/format';
import { sharedArchiveDb } from '@/src/archive/db';
import { translate } from '../../../shared/ebox/model.ts';
import { openBlob, saveBlob } from './archive-data';

export function MessageDetail({ messageId, companyName, typeName, onClose }: { messageId: string; companyName: (key: string) => string; typeName: (id: string, fallback?: TranslatedString) => string; onClose: () => void }) {
  const lang = currentLanguage();
  const locale = currentIntlLocale();
  const [record, setRecord] = useState<MessageRecord | undefined>();
  const [docs, setDocs] = useState<DocumentRecord[]>([]);
  useEffect(() => {
    const db = sharedArchiveDb();
    void db.messages.get(messageId).then(setRecord);
    void db.documents.where('messageId').equals(messageId).toArray().then((d) => setDocs(d.sort((a, b) => a.attachmentId.localeCompare(b.attachmentId) || b.version - a.version)));
  }, [messageId]);
  if (!record) return <aside class="detail" data-part="detail" data-message-id={messageId} />;
  const m = record.message;
  // Brussels time, the same wording on every screen (the e-Box's own time zone).
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(new Date(iso));
  return (
    <aside class="detail" data-part="detail" data-message-id={record.messageId} data-company={record.enterprise}>
      <button type="button" class="close" onClick={onClose} aria-label="×">×</button>
      <h2>{translate(m.subject, lang)}</h2>
      <p class="muted">{['fr', 'nl', 'de'].filter((l) => l !== lang).map((l) => m.subject[l as 'fr']).filter(Boolean).join(' · ')}</p>
      <dl>
        <dt>{t('companies.company')}</dt>
        <dd data-part="detail-company">{companyName(record.enterprise)}</dd>
        <dt>{t('archive_sender')}</dt>
        <dd>{translate(record.names.sender, lang) || m.senderOrganizationId} ({m.senderOrganizationId}){record.names.senderApplication ? ` · ${translate(record.names.senderApplication, lang)}` : ''}</dd>
        <dt>{t('archive_type')}</dt>
        <dd>{typeName(m.messageTypeId, record.names.messageType)}</dd>
        <dt>{t('archive_received')}</dt>
        <dd>{when(m.receiptDate)}</dd>
        <dt>{t('archive_expires')}</dt>
        <dd>{when(m.expirationDate)}</dd>
        {m.registeredMail && (<><dt>{t('archive_registered')}</dt><dd>✉ {t('archive_yes')}</dd></>)}
        {m.forTheAttentionOf?.name && (<><dt>FTAO</dt><dd>{m.forTheAttentionOf.name}</dd></>)}
        {m.paymentData && (<><dt>€</dt><dd>{new Intl.NumberFormat(locale, { style: 'currency', currency: m.paymentData.currency }).format(m.paymentData.amount)} · {m.paymentData.iban}</dd></>)}
      </dl>
      {m.businessData.length > 0 && (
        <section>
          <h3>{t('archive_businessData')}</h3>
          <dl>
            {m.businessData.map((b) => (<><dt>{translate(b.name, lang) || b.key}</dt><dd>{b.values.map((v) => translate(v, lang)).join(', ')}</dd></>))}
          </dl>
        </section>
      )}
      {record.note && (<section><h3>{t('archive_note')}</h3><p class="note">{record.note}</p></section>)}
      <p class={record.archivedAt ? 'ok' : 'muted'}>{record.archivedAt ? t('archive_archivedBy', when(record.archivedAt), record.archivedBy ?? '') : t('archive_notArchived')}</p>
      <section>
        <h3>{t('archive_documents')}</h3>
        <ul class="docs">
          {docs.map((d) => (
            <li data-document-id={d.id} data-digest-ok={String(d.digestOk)}>
              <div>
                <strong>{d.fileName}</strong> <span class="muted">{t('archive_version', d.version)} · {formatBytes(d.bytes, locale)}</span>
              </div>
              <div class={d.digestOk === false ? 'bad' : d.digestOk ? 'ok' : 'muted'}>
                {d.digestOk === false ? `⚠ ${t('archive_digestBad')}` : d.digestOk ? `✓ ${t('archive_digestOk')}` : t('archive_digestNone')}
                {d.contentWarning === 'not-pdf' && ` · ⚠ ${t('archive_notPdf')}`}
                {d.contentWarning === 'empty' && ` · ⚠ ${t('archive_emptyDoc')}`}
              </div>
              <div class="row">
                {d.contentWarning === undefined && <button type="button" data-action="open" onClick={() => openBlob(d.blob, d.mediaType) || saveBlob(d.blob, d.fileName)}>{t('archive_open')}</button>}
                <button type="button" data-action="download" onClick={() => saveBlob(d.blob, d.fileName)}>{t('archive_download')}</button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <p class="muted small">{m.contractVersion} · {record.messageId}</p>
    </aside>
  );
}
