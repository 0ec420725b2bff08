// The local helper's state in one line: not paired (with a way to the pairing form), connected, or not running.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/src/i18n/i18n';
import { loadHelperStatus, type HelperStatusView } from './helper-status';

const DOT: Record<HelperStatusView['state'], string> = {
  checking: 'var(--muted)',
  'not-paired': 'var(--soon)',
  connected: 'var(--ok)',
  unreachable: 'var(--critical)',
};

export function HelperStatusLine(props: { onOpenOptions: () => void }) {
  const [status, setStatus] = useState<HelperStatusView>({ state: 'checking' });
  useEffect(() => {
    void loadHelperStatus().then(setStatus);
  }, []);

  const label = {
    checking: t('popup_helperChecking'),
    'not-paired': t('popup_helperNotPaired'),
    connected: t('popup_helperConnected'),
    unreachable: t('popup_helperUnreachable'),
  }[status.state];

  return (
    <span data-field="helper-status" data-state={status.state} title={status.state === 'unreachable' ? status.error : undefined}>
      <span class="dot" style={{ background: DOT[status.state] }} />
      {t('popup_helper')}: {label}
      {status.state === 'connected' && <span class="muted"> · {status.version}</span>}
      {status.state === 'not-paired' && (
        <button type="button" class="link" onClick={props.onOpenOptions}>
          {t('options_pair')}
        </button>
      )}
    </span>
  );
}
