// The proof view of a registered message, shared by the overlay (under the open message) and the side panel: when
// and by whom it was acknowledged, the signer, the timestamp and the receipt's place in the helper's log (its
// inclusion proof checked by the service worker), with the PDF and .p7s; an opening still waiting for its receipt
// and why; for qualified registered mail, the provider's evidence chain with each step's verdict. It only shows:
// the service worker acknowledges openings from the data, whether or not this view is on screen.
import { useEffect, useState } from 'preact/hooks';
import type { Language } from '../../../shared/ebox/model.ts';
import { currentIntlLocale, t, tn, type I18nKey } from '../i18n/i18n.ts';
import type { LateReason } from '../proofs/openings.ts';
import { callWorker } from '../messaging/client.ts';
import { readLocal, watchLocal } from '../platform/runtime.ts';
import { allowOrigin, HOST_ACCESS_KEY, type HostAccessAnswers } from '../ebox-adapter/host-access.ts';
import type { EvidenceStep, ProofView, ReceiptView } from '../proofs/proof-status.ts';
import type { ProofFile, ProofQuery } from '../proofs/proofs-api.ts';
import { isAlarm, type LogStatus } from '../proofs/log-witness.ts';
import proofViewCss from './proof-view.css?inline';

/** Where the service worker keeps openings waiting for their receipt (proofs-worker.ts). */
const OPENINGS_KEY = 'proofs.openings';

type Busy = 'loading' | 'acknowledge' | 'fetch' | ProofFile;

function when(iso: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(currentIntlLocale(), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Brussels' }).format(new Date(iso));
}

function HelperNotice({ view, openSettings }: { view: ProofView; openSettings: () => void }) {
  if (view.helper.state === 'connected') return null;
  const text = view.helper.state === 'not-paired' ? t('proofs.helperNotPaired') : view.helper.failure === 'not-running' || view.helper.failure === 'timeout' ? t('proofs.helperNotRunning') : t('proofs.helperFailed', view.helper.message);
  return (
    <p class="notice" role="alert" data-field="helper" data-state={view.helper.state}>
      {text}{' '}
      <button type="button" class="link" data-action="open-settings" onClick={openSettings}>
        {t('proofs.openSettings')}
      </button>
    </p>
  );
}

function logAlarm(log: LogStatus): string {
  if (log.state === 'shrank') return t('proofLog.shrank', log.from, log.to);
  if (log.state === 'rewritten') return t('proofLog.rewritten', log.from, log.to);
  if (log.state === 'key-changed' || log.state === 'bad-signature') return t('proofLog.keyChanged', log.detail);
  return '';
}

function Receipt({ receipt, busy, download }: { receipt: ReceiptView; busy: Busy | undefined; download: (file: ProofFile) => void }) {
  const inclusion = receipt.inclusion === 'verified' ? t('proofs.inclusionVerified') : receipt.inclusion === 'failed' ? t('proofs.inclusionFailed') : t('proofs.inclusionUnchecked');
  return (
    <>
      <dl class="facts">
        <dt>{t('proofs.acknowledged')}</dt>
        <dd data-field="acknowledged">{t('proofs.acknowledgedAtBy', when(receipt.acknowledgedAt), receipt.openedBy)}</dd>
        <dt>{t('proofs.opened')}</dt>
        <dd data-field="opened">{when(receipt.openedAt)}</dd>
        <dt>{t('proofs.signer')}</dt>
        <dd data-field="signer">
          {receipt.signer}
          {receipt.development && (
            <strong class="warning" data-field="development">
              {t('proofs.development')}
            </strong>
          )}
        </dd>
        <dt>{t('proofs.timestamp')}</dt>
        <dd data-field="timestamp" class={receipt.timestamped ? '' : 'muted'}>
          {receipt.timestamped ? t('proofs.timestampedAt', when(receipt.timestampedAt)) : t('proofs.notTimestamped')}
        </dd>
        <dt>{t('proofs.inclusion')}</dt>
        <dd data-field="inclusion" data-status={receipt.inclusion}>
          <span class={`badge ${receipt.inclusion === 'verified' ? 'ok' : receipt.inclusion === 'failed' ? 'bad' : 'unknown'}`}>{inclusion}</span>{' '}
          {t('proofs.inclusionLeaf', receipt.leafIndex, receipt.treeSize)}
          <span class="muted" data-field="checkpoint">
            {' · '}
            {t('proofs.checkpoint', receipt.checkpoint.origin, receipt.checkpoint.treeSize, receipt.checkpoint.root)}
          </span>
        </dd>
        <dt>{t('proofs.documents')}</dt>
        <dd data-field="documents" class={receipt.mismatches.length ? 'bad-text' : ''}>
          {receipt.mismatches.length
            ? t('proofs.documentsMismatch', receipt.mismatches.join(', '))
            : receipt.documents
              ? tn('proofs.documentsChecked', receipt.documents)
              : t('proofs.documentsNone')}
        </dd>
      </dl>
      <div class="row">
        <button type="button" class="secondary" data-action="download-pdf" disabled={!!busy} onClick={() => download('receipt.pdf')}>
          {t('proofs.downloadPdf')}
        </button>
        <button type="button" class="secondary" data-action="download-zip" disabled={!!busy} onClick={() => download('receipt.zip')}>
          {t('receiptFiles.downloadZip')}
        </button>
      </div>
    </>
  );
}

function problemText(step: EvidenceStep): string {
  const p = step.problem;
  if (!p) return '';
  if (p.reason === 'no-trusted-list') return t('proofs.problemNoTrustedList');
  if (p.reason === 'not-permitted') return t('proofs.problemNotPermitted', p.origin ?? p.detail);
  return p.reason === 'unreachable' ? t('proofs.problemUnreachable', p.detail) : t('proofs.problemRefused', p.detail);
}

function EvidenceChain({ steps, lastFetch, busy, download, fetchNow }: {
  steps: EvidenceStep[];
  lastFetch: string | undefined;
  busy: Busy | undefined;
  download: (file: ProofFile, leafIndex: number) => void;
  fetchNow: () => void;
}) {
  const missing = steps.filter((s) => !s.evidence).length;
  // A provider the user has not allowed yet: asked once; declined, it is said and not asked again here.
  const [answers, setAnswers] = useState<HostAccessAnswers>({});
  useEffect(() => {
    const stop = new AbortController();
    void readLocal<HostAccessAnswers>(HOST_ACCESS_KEY).then((a) => setAnswers(a ?? {}));
    watchLocal<HostAccessAnswers>(HOST_ACCESS_KEY, (a) => setAnswers(a ?? {}), stop.signal);
    return () => stop.abort();
  }, []);
  const waitingOrigins = [...new Set(steps.flatMap((s) => (s.problem?.reason === 'not-permitted' && s.problem.origin ? [s.problem.origin] : [])))];
  const noTrustedList = steps.some((s) => s.problem?.reason === 'no-trusted-list');
  return (
    <section class="chain" data-field="evidence-chain">
      <h3>{t('proofs.evidenceHeading')}</h3>
      <ol>
        {steps.map((step) => {
          const e = step.evidence;
          const tone = !e ? 'missing' : e.indication === 'TOTAL_PASSED' ? 'ok' : e.indication === 'TOTAL_FAILED' ? 'bad' : 'unknown';
          return (
            <li key={step.event} class={`step ${tone}`} data-event={step.event} data-indication={e?.indication ?? 'MISSING'}>
              <span class="step-name">{t(`proofs.event_${step.event}`)}</span>
              {e ? (
                <span class="step-body">
                  <span class={`badge ${tone}`}>{t(`proofs.indication_${e.indication}`)}</span>
                  {e.subIndication && <span class="sub" data-field="sub-indication">{t(`proofs.sub_${e.subIndication}`)}</span>}
                  {e.eventTime && <span class="muted">{when(e.eventTime)}</span>}
                  <span class={e.qualified ? 'muted' : 'bad-text'}>{e.qualified ? t('proofs.qualifiedProvider', e.provider ?? '') : t('proofs.notQualifiedProvider')}</span>
                  <span class="links">
                    <button type="button" class="link" data-action="download-report" disabled={!!busy} onClick={() => download('report.pdf', e.leafIndex)}>
                      {t('proofs.report')}
                    </button>
                    <button type="button" class="link" data-action="download-xml" disabled={!!busy} onClick={() => download('evidence.xml', e.leafIndex)}>
                      {t('proofs.xml')}
                    </button>
                  </span>
                </span>
              ) : (
                <span class="step-body">
                  <span class="badge missing">{t('proofs.missing')}</span>
                  {step.problem && step.problem.reason !== 'no-trusted-list' && <span class="muted">{problemText(step)}</span>}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {noTrustedList && (
        <p class="notice" role="alert" data-field="no-trusted-list">
          {t('proofs.problemNoTrustedList')}
        </p>
      )}
      {waitingOrigins.map((origin) => (
        <p class="notice" role="alert" data-field="permission" data-origin={origin} data-state={answers[origin] ?? 'waiting'}>
          {answers[origin] === 'declined' ? t('proofs.providerDeclined', origin) : t('proofs.providerPermissionAsk', origin)}{' '}
          {answers[origin] !== 'declined' && (
            <button type="button" class="primary" data-action="allow" onClick={() => void allowOrigin(origin)}>
              {t('pagefacts.allow')}
            </button>
          )}
        </p>
      ))}
      {missing > 0 && (
        <div class="row">
          {!lastFetch && <span class="muted">{t('proofs.evidenceWhenArchived')}</span>}
          <button type="button" class="secondary" data-action="fetch-evidences" disabled={!!busy} onClick={fetchNow}>
            {busy === 'fetch' ? t('proofs.fetching') : t('proofs.fetchEvidences')}
          </button>
        </div>
      )}
    </section>
  );
}

const LATE_TEXT: Record<LateReason, I18nKey> = {
  'helper-not-paired': 'sidepanel.late_helperNotPaired',
  'helper-unavailable': 'sidepanel.late_helperUnavailable',
  'documents-unavailable': 'sidepanel.late_documentsUnavailable',
  'acknowledge-off': 'sidepanel.late_acknowledgeOff',
  'browser-stopped': 'sidepanel.late_browserStopped',
};

function PendingOpening({ opening }: { opening: NonNullable<ProofView['opening']> }) {
  return (
    <p class="notice" data-field="opening-pending" data-reason={opening.failure?.reason ?? 'in-progress'}>
      {t('sidepanel.openedAt', when(opening.at), t(`sidepanel.openedBy_${opening.by}`))}{' '}
      {opening.failure ? t(LATE_TEXT[opening.failure.reason]) : t('sidepanel.acknowledging')}
    </p>
  );
}

export function ProofPanel({ messageId, language, archived }: { messageId: string; language: Language; archived: boolean }) {
  const [view, setView] = useState<ProofView>();
  const [busy, setBusy] = useState<Busy>();
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const query: ProofQuery = { messageId, language };

  const run = async (what: Busy, call: () => Promise<ProofView | { filename: string } | void>) => {
    setBusy(what);
    setStatus(undefined);
    try {
      const result = await call();
      if (result && 'messageId' in result) setView(result);
      else if (result && 'filename' in result) setStatus({ kind: 'ok', text: t('proofs.downloaded', result.filename) });
    } catch (e) {
      setStatus({ kind: 'error', text: t('proofs.error', e instanceof Error ? e.message : String(e)) });
    } finally {
      setBusy(undefined);
    }
  };

  // Shown at once, again when archived from anywhere (a qualified message's evidences arrive with it), and each time
  // the service worker's pending openings change (a receipt made, or a reason why not).
  useEffect(() => {
    void run('loading', () => callWorker('proofs.forMessage', query));
    const stop = new AbortController();
    watchLocal(OPENINGS_KEY, () => void callWorker('proofs.forMessage', query).then(setView, () => {}), stop.signal);
    return () => stop.abort();
  }, [messageId, archived]);

  const download = (file: ProofFile, leafIndex?: number) =>
    void run(file, () => callWorker('proofs.download', { file, ...(view?.receipt ? { receiptId: view.receipt.receiptId } : {}), ...(leafIndex !== undefined ? { leafIndex } : {}) }));
  const openSettings = () => void run('loading', () => callWorker('proofs.openSettings'));
  const kind = view?.kind;

  return (
    <div class="panel proofs" data-message-id={messageId} data-kind={kind ?? 'registered'} data-state={view ? (view.receipt ? 'acknowledged' : 'not-acknowledged') : 'loading'}>
      <style>{proofViewCss}</style>
      <h2>
        {t('proofs.title')}
        {kind && <span class={`kind ${kind}`}>{kind === 'qualified' ? t('proofs.kindQualified') : t('proofs.kindRegistered')}</span>}
      </h2>
      {!view && <p class="muted">{t('proofs.loading')}</p>}
      {view && <HelperNotice view={view} openSettings={openSettings} />}
      {view?.log && isAlarm(view.log) && (
        <p class="bad-text" data-field="log-alarm" data-status={view.log.state}>
          <strong>{logAlarm(view.log)}</strong>
        </p>
      )}
      {view?.receipt && <Receipt receipt={view.receipt} busy={busy} download={download} />}
      {view && !view.receipt && view.opening && <PendingOpening opening={view.opening} />}
      {view && !view.receipt && view.helper.state === 'connected' && (
        <div class="row" data-field="not-acknowledged">
          <span>
            {t('proofs.notAcknowledged')}
            {!view.acknowledgeOnOpen && ` ${t('proofs.autoOff')}`}
          </span>
          <button type="button" class="primary" data-action="acknowledge" disabled={!!busy} onClick={() => void run('acknowledge', () => callWorker('proofs.acknowledge', query))}>
            {busy === 'acknowledge' ? t('proofs.acknowledging') : t('proofs.acknowledgeNow')}
          </button>
        </div>
      )}
      {view?.acknowledgeError && (
        <p class="notice" role="alert" data-field="acknowledge-error">
          {t('proofs.acknowledgeFailed', view.acknowledgeError)}
        </p>
      )}
      {view?.evidence && <EvidenceChain steps={view.evidence.steps} lastFetch={view.evidence.lastFetch} busy={busy} download={download} fetchNow={() => void run('fetch', () => callWorker('proofs.fetchEvidences', query))} />}
      {status && (
        <p class={`status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-field="proofs-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
