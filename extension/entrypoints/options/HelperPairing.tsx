// Pairing with the local helper: type the one-time code the helper shows; the service worker exchanges it for the
// long secret (helper-requests.ts). Shows the pairing once made, with a way to undo it.
import { useEffect, useState } from 'preact/hooks';
import { currentIntlLocale, t } from '@/src/i18n/i18n';
import { loadHelperConnection, watchHelperConnection, type HelperConnection } from '@/src/settings/helper-connection';
import { askHelperStatus, askPair, askUnpair } from '@/src/settings/helper-requests';

const PAIR_CODE_COMMAND = 'npx ebox-keeper pair-code';

/** No native host answered (not installed): the command that prints a one-time code, with a copy button. */
function PairCodeCommand() {
  const [copied, setCopied] = useState(false);
  return (
    <div class="field">
      <span class="label">{t('install.codeCommand')}</span>
      <span class="inline">
        <code data-field="pair-code-command">{PAIR_CODE_COMMAND}</code>
        <button
          type="button"
          class="secondary"
          data-action="copy-pair-code-command"
          onClick={() => void navigator.clipboard.writeText(PAIR_CODE_COMMAND).then(() => setCopied(true))}
        >
          {copied ? t('install.copied') : t('install.copy')}
        </button>
      </span>
    </div>
  );
}

export function HelperPairing() {
  const [connection, setConnection] = useState<HelperConnection | null>(null);
  const [code, setCode] = useState('');
  const [port, setPort] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadHelperConnection().then((c) => {
      setConnection(c);
      setPort(String(c.port));
    });
    // Asking the status while unpaired lets the service worker try the native host (pairing without a code).
    void askHelperStatus().catch(() => undefined);
    return watchHelperConnection(setConnection);
  }, []);
  if (!connection) return null;

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      setCode('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const pairedSince = connection.pairing
    ? new Intl.DateTimeFormat(currentIntlLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(connection.pairing.pairedAt))
    : null;

  return (
    <section>
      <h2>{t('options_helperHeading')}</h2>
      <p class="muted">{t('options_helperHelp')}</p>
      {pairedSince ? (
        <div class="field">
          <span class="paired" data-field="pairing">{t('options_paired', pairedSince)}</span>
          <span>
            <button type="button" class="secondary" disabled={busy} onClick={() => void run(askUnpair)}>
              {t('options_unpair')}
            </button>
          </span>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => askPair(code, Number(port)));
          }}
        >
          <div class="field">
            <span class="label">{t('options_notPaired')}</span>
            <span />
          </div>
          <p class="muted" data-field="automatic-pairing">{t('install.automaticHint')}</p>
          <PairCodeCommand />
          <div class="field">
            <label for="helper-port">{t('options_helperPort')}</label>
            <input id="helper-port" type="number" min={1024} max={65535} required value={port} onInput={(e) => setPort(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="pair-code">{t('options_pairCode')}</label>
            <span class="inline">
              <input id="pair-code" class="code" type="text" autocomplete="off" spellcheck={false} maxLength={9} placeholder="XXXX-XXXX" required
                value={code} onInput={(e) => setCode(e.currentTarget.value)} />
              <button type="submit" disabled={busy}>
                {busy ? t('options_pairing') : t('options_pair')}
              </button>
            </span>
            <span class="help">{t('options_pairHelp')}</span>
          </div>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
