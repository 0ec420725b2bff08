// The options page: reminders (window, thresholds, notifications, quiet hours), language, and pairing with the
// local helper.
import { useEffect, useState } from 'preact/hooks';
import { t, type I18nKey } from '@/src/i18n/i18n';
import { loadSettings, saveSettings } from '@/src/settings/settings-store';
import { InvalidSettingsError, LANGUAGE_CHOICES, type LanguageChoice, type Settings } from '@/src/settings/settings-schema';
import { HelperPairing } from './HelperPairing';
import { HelperSync } from './HelperSync';

/** Each language by its own name: a user lost in the wrong language must still find theirs. */
const LANGUAGE_NAMES: Record<Exclude<LanguageChoice, 'auto'>, string> = { fr: 'Français', nl: 'Nederlands', de: 'Deutsch', en: 'English' };

const FIELD_NAMES: Partial<Record<string, I18nKey>> = {
  warningWindowDays: 'options_field_warningWindowDays',
  thresholds: 'options_field_thresholds',
  quietHours: 'options_field_quietHours',
};

/** "14, 7 1" -> [14, 7, 1]; null when any part is not a whole number. */
function parseThresholds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

interface Form {
  window: string;
  thresholds: string;
  notifications: boolean;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  language: LanguageChoice;
  acknowledgeOnOpen: boolean;
  nameOnReceipts: string;
  showOnPage: boolean;
  warnArchiveMarksRead: boolean;
}

function formOf(s: Settings): Form {
  return {
    window: String(s.warningWindowDays),
    thresholds: s.thresholds.join(', '),
    notifications: s.notificationsEnabled,
    quietEnabled: s.quietHours.enabled,
    quietStart: s.quietHours.start,
    quietEnd: s.quietHours.end,
    language: s.language,
    acknowledgeOnOpen: s.acknowledgeOnOpen,
    nameOnReceipts: s.nameOnReceipts,
    showOnPage: s.showOnPage,
    warnArchiveMarksRead: s.warnArchiveMarksRead,
  };
}

export function Options() {
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string; field?: string } | null>(null);

  useEffect(() => {
    void loadSettings().then((s) => setForm(formOf(s)));
  }, []);
  if (!form) return null;

  const update = (change: Partial<Form>) => {
    setForm({ ...form, ...change });
    setMessage(null);
  };

  async function save(event: Event) {
    event.preventDefault();
    if (!form) return;
    const thresholds = parseThresholds(form.thresholds);
    if (!thresholds) {
      setMessage({ kind: 'error', field: 'thresholds', text: t('options_invalid', t('options_field_thresholds'), t('options_invalidThresholds')) });
      return;
    }
    try {
      const saved = await saveSettings({
        warningWindowDays: Number(form.window),
        thresholds,
        notificationsEnabled: form.notifications,
        quietHours: { enabled: form.quietEnabled, start: form.quietStart, end: form.quietEnd },
        language: form.language,
        acknowledgeOnOpen: form.acknowledgeOnOpen,
        nameOnReceipts: form.nameOnReceipts,
        showOnPage: form.showOnPage,
        warnArchiveMarksRead: form.warnArchiveMarksRead,
      });
      setForm(formOf(saved));
      setMessage({ kind: 'saved', text: t('options_saved') });
    } catch (error) {
      if (!(error instanceof InvalidSettingsError)) throw error;
      const top = error.field.split('.')[0]!;
      const name = FIELD_NAMES[top];
      setMessage({ kind: 'error', field: top, text: t('options_invalid', name ? t(name) : top, error.message.replace(/^[^:]*: /, '')) });
    }
  }

  const invalid = (field: string) => (message?.kind === 'error' && message.field === field ? 'true' : undefined);

  return (
    <main>
      <header class="page">
        <img src="/icon/128.png" alt="" />
        <h1>{t('options_title')}</h1>
      </header>

      <form onSubmit={(e) => void save(e)}>
        <section>
          <h2>{t('options_remindersHeading')}</h2>
          <div class="field">
            <label for="window">{t('options_window')}</label>
            <span class="inline">
              <input id="window" type="number" min={1} max={90} required value={form.window} aria-invalid={invalid('warningWindowDays')}
                onInput={(e) => update({ window: e.currentTarget.value })} />
              {t('options_days')}
            </span>
            <span class="help">{t('options_windowHelp')}</span>
          </div>
          <div class="field">
            <label for="thresholds">{t('options_thresholds')}</label>
            <input id="thresholds" type="text" inputMode="numeric" value={form.thresholds} aria-invalid={invalid('thresholds')}
              onInput={(e) => update({ thresholds: e.currentTarget.value })} />
            <span class="help">{t('options_thresholdsHelp')}</span>
          </div>
          <div class="field">
            <label for="notifications">{t('options_notifications')}</label>
            <input id="notifications" type="checkbox" checked={form.notifications} onChange={(e) => update({ notifications: e.currentTarget.checked })} />
          </div>
          <div class="field">
            <span class="label">{t('options_quietHours')}</span>
            <span class="inline">
              <input id="quiet" type="checkbox" checked={form.quietEnabled} aria-label={t('options_quietHours')}
                onChange={(e) => update({ quietEnabled: e.currentTarget.checked })} />
              <label for="quiet-start">{t('options_quietFrom')}</label>
              <input id="quiet-start" type="time" required value={form.quietStart} disabled={!form.quietEnabled} aria-invalid={invalid('quietHours')}
                onInput={(e) => update({ quietStart: e.currentTarget.value })} />
              <label for="quiet-end">{t('options_quietTo')}</label>
              <input id="quiet-end" type="time" required value={form.quietEnd} disabled={!form.quietEnabled} aria-invalid={invalid('quietHours')}
                onInput={(e) => update({ quietEnd: e.currentTarget.value })} />
            </span>
            <span class="help">{t('options_quietHelp')}</span>
          </div>
        </section>

        <section style={{ marginTop: '16px' }}>
          <h2>{t('options_languageHeading')}</h2>
          <div class="field">
            <label for="language">{t('options_language')}</label>
            <select id="language" value={form.language} onChange={(e) => update({ language: e.currentTarget.value as LanguageChoice })}>
              {LANGUAGE_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice === 'auto' ? t('options_languageAuto') : LANGUAGE_NAMES[choice]}
                </option>
              ))}
            </select>
          </div>
        </section>

        <section style={{ marginTop: '16px' }}>
          <h2>{t('proofs.options_heading')}</h2>
          <div class="field">
            <label for="acknowledge-on-open">{t('proofs.options_acknowledgeOnOpen')}</label>
            <input id="acknowledge-on-open" type="checkbox" checked={form.acknowledgeOnOpen} onChange={(e) => update({ acknowledgeOnOpen: e.currentTarget.checked })} />
            <span class="help">{t('proofs.options_acknowledgeOnOpenHelp')}</span>
          </div>
          <div class="field">
            <label for="name-on-receipts">{t('sidepanel.options_nameOnReceipts')}</label>
            <input id="name-on-receipts" type="text" maxLength={200} value={form.nameOnReceipts} onInput={(e) => update({ nameOnReceipts: e.currentTarget.value })} />
            <span class="help">{t('sidepanel.options_nameOnReceiptsHelp')}</span>
          </div>
        </section>

        <section style={{ marginTop: '16px' }}>
          <h2>{t('sidepanel.options_heading')}</h2>
          <div class="field">
            <label for="show-on-page">{t('sidepanel.options_showOnPage')}</label>
            <input id="show-on-page" type="checkbox" checked={form.showOnPage} onChange={(e) => update({ showOnPage: e.currentTarget.checked })} />
            <span class="help">{t('sidepanel.options_showOnPageHelp')}</span>
          </div>
          <div class="field">
            <label for="warn-marks-read">{t('sidepanel.options_warnMarksRead')}</label>
            <input id="warn-marks-read" type="checkbox" checked={form.warnArchiveMarksRead} onChange={(e) => update({ warnArchiveMarksRead: e.currentTarget.checked })} />
          </div>
        </section>

        <div class="actions" style={{ marginTop: '16px' }}>
          <button type="submit" id="save">{t('options_save')}</button>
          {message && (
            <span class={message.kind === 'saved' ? 'saved' : 'error'} role={message.kind === 'error' ? 'alert' : 'status'} data-field="save-result">
              {message.text}
            </span>
          )}
        </div>
      </form>

      <HelperPairing />
      <HelperSync />
    </main>
  );
}
