// "Export evidence bundle": what will be exported (count, size), then the export's progress (documents handed to
// the helper, messages and bytes written), cancel, and the result: the file's name, what the helper found, which
// messages carry no proof. The service worker runs the export; this dialog follows its state.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBundleCancel, askBundleExport, followBundleExport } from '@/src/bundles/bundle-requests';
import { isFinal, type BundleExportState, type BundleFailureReason } from '@/src/bundles/bundle-protocol';
import { t, tn, type I18nKey } from '@/src/i18n/i18n';
import { formatBytes } from '@/src/overlay/format';
import { companyLabel } from '@/src/archive/company-switcher';

export interface BundleDialogProps {
  messageIds: string[];
  bytes: number;
  /** The companies whose mail the messages are: one, unless the user chooses several. */
  companies: { key: string; name?: string }[];
  /** Selected messages, or everything matching the filter. */
  mode: 'selected' | 'filter';
  /** The selection in words, for report.pdf. */
  selection: string;
  locale: string;
  onClose: () => void;
}

const FAILURE_TEXT: Record<BundleFailureReason, I18nKey> = {
  'not-running': 'bundles.notRunning',
  'not-helper': 'bundles.notHelper',
  unpaired: 'bundles.unpaired',
  incompatible: 'bundles.incompatible',
  refused: 'bundles.failed',
  timeout: 'bundles.timeout',
  'too-large': 'bundles.tooLarge',
  busy: 'bundles.busy',
  interrupted: 'bundles.interrupted',
  failed: 'bundles.failed',
};

function Bar(props: { part: string; done: number; total: number; label: string }) {
  return (
    <div class="bundle-bar" data-part={props.part} data-done={props.done} data-total={props.total}>
      <progress max={Math.max(1, props.total)} value={Math.min(props.done, props.total)} />
      <span>{props.label}</span>
    </div>
  );
}

export function BundleDialog(props: BundleDialogProps) {
  const { messageIds, locale } = props;
  const [openedAt] = useState(() => new Date().toISOString());
  const [state, setState] = useState<BundleExportState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const size = (n: number) => formatBytes(n, locale);

  useEffect(() => {
    const stop = new AbortController();
    // An export still running from before is shown; a finished one from before is not this dialog's.
    followBundleExport((s) => setState(s && (!isFinal(s.phase) || s.startedAt >= openedAt) ? s : undefined), stop.signal);
    return () => stop.abort();
  }, []);

  const [several, setSeveral] = useState(false);
  const severalNeeded = props.companies.length > 1;
  const start = () => {
    setError(undefined);
    askBundleExport(messageIds, props.selection, props.companies).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const running = state !== undefined && !isFinal(state.phase);

  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && !running && props.onClose()}>
      <section class="dialog bundle-dialog" role="dialog" aria-modal="true" aria-labelledby="bundle-title" data-part="bundle-dialog" data-phase={state?.phase ?? 'ready'}>
        <h2 id="bundle-title">{t('bundles.title')}</h2>
        <p class="bundle-what" data-part="bundle-what" data-count={messageIds.length}>
          <strong>{t(props.mode === 'selected' ? 'bundles.whatSelected' : 'bundles.whatFilter', messageIds.length)}</strong>
          {' · '}
          {t('bundles.size', size(props.bytes))}
        </p>
        <p class="bundle-companies" data-part="bundle-companies" data-count={props.companies.length}>
          {tn('companies.bundleCompanies', props.companies.length, props.companies.map(companyLabel).join(', '))}
        </p>
        {severalNeeded && !running && state?.phase !== 'done' && (
          <label class="inline">
            <input type="checkbox" name="bundle-several" checked={several} onChange={(e) => setSeveral(e.currentTarget.checked)} /> {t('companies.bundleSeveral')}
          </label>
        )}
        <p class="muted small">{t('bundles.explain')}</p>

        {state?.phase === 'uploading' && (
          <Bar part="bundle-upload" done={state.uploaded.documents} total={state.uploaded.totalDocuments} label={`${t('bundles.uploading', state.uploaded.documents, state.uploaded.totalDocuments)} · ${t('bundles.bytes', size(state.uploaded.bytes), size(state.totalBytes))}`} />
        )}
        {(state?.phase === 'exporting' || state?.phase === 'downloading') && (
          <>
            <Bar part="bundle-messages" done={state.written.messages} total={state.totalMessages} label={t('bundles.exporting', state.written.messages, state.totalMessages)} />
            <Bar part="bundle-bytes" done={state.written.bytes} total={state.totalBytes} label={t('bundles.bytes', size(state.written.bytes), size(state.totalBytes))} />
            {state.phase === 'downloading' && <p class="muted">{t('bundles.downloading')}</p>}
          </>
        )}

        {state?.phase === 'done' && (
          <div class="bundle-result" data-part="bundle-result">
            <p class="ok" data-part="bundle-file" data-file={state.fileName}>{t('bundles.done', state.fileName ?? '', size(state.sizeBytes ?? 0))}</p>
            {(state.withoutProof ?? 0) > 0 && <p data-part="bundle-without-proof" data-count={state.withoutProof}>{tn('bundles.withoutProof', state.withoutProof ?? 0)}</p>}
            {state.findings.length === 0 ? (
              <p class="muted" data-part="bundle-findings" data-count="0">{t('bundles.noFindings')}</p>
            ) : (
              <div data-part="bundle-findings" data-count={state.findings.length}>
                <p class="bad">{t('bundles.findings', state.findings.length)}</p>
                <ul class="findings">
                  {state.findings.slice(0, 50).map((f) => (
                    <li><code>{f.file}</code>: {f.message}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
        {state?.phase === 'cancelled' && <p data-part="bundle-cancelled">{t('bundles.cancelled')}</p>}
        {state?.phase === 'failed' && state.failure && (
          <p class="notice error" role="alert" data-part="bundle-error" data-reason={state.failure.reason}>
            {t(FAILURE_TEXT[state.failure.reason], state.failure.message)}{' '}
            {(state.failure.reason === 'unpaired' || state.failure.reason === 'not-helper') && (
              <a href="#" data-action="open-options" onClick={(e) => (e.preventDefault(), void browser.runtime.openOptionsPage())}>{t('bundles.openOptions')}</a>
            )}
          </p>
        )}
        {error && <p class="notice error" role="alert" data-part="bundle-error">{t('bundles.failed', error)}</p>}

        <div class="dialog-actions">
          {running ? (
            <button type="button" class="danger" data-action="bundle-cancel" onClick={() => void askBundleCancel().catch((e: unknown) => setError(String(e)))}>{t('bundles.cancel')}</button>
          ) : (
            <>
              {state?.phase !== 'done' && <button type="button" aria-pressed="true" data-action="bundle-start" disabled={messageIds.length === 0 || (severalNeeded && !several)} onClick={start}>{t('bundles.start')}</button>}
              <button type="button" data-action="bundle-close" onClick={props.onClose}>{t('bundles.close')}</button>
            </>
          )}
        </div>
        {messageIds.length === 0 && <p class="muted">{t('bundles.nothing')}</p>}
      </section>
    </div>
  );
}
