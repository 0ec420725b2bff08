// A small, quiet notice in a corner of the e-Box page, for what the user must know and the overlay cannot show in
// place: that nothing could be placed on this page (said once per tab; the side panel keeps everything reachable),
// and that a provider the app calls waits for the user's permission, or was declined. Permissions can only be asked
// from an extension page, so "Allow…" opens the diagnostics page, which asks with the browser's own prompt.
import { render } from 'preact';
import { t } from '../../i18n/i18n.ts';
import { readLocal, watchLocal } from '../../platform/runtime.ts';
import { HOST_ACCESS_KEY, type HostAccessAnswers } from '../../ebox-adapter/host-access.ts';
import { openDiagnostics } from '../../ebox-adapter/page-facts-client.ts';
import type { Feature } from '../feature-manager.ts';
import { createShadowHost } from '../shadow-host.ts';

const SAID_KEY = 'ebox-keeper.notPlacedSaid';
/** How long the page may take to render what the data lists before "could not place" is said. */
const SETTLE_MS = 4000;

export const pageNotice: Feature = {
  id: 'page-notice',
  init({ signal, store, document }) {
    const { host, mount } = createShadowHost('ebox-keeper-notice', 'page-notice');
    let answers: HostAccessAnswers = {};
    let dismissed = new Set<string>();
    let notPlaced = false;
    const paint = () => {
      const s = store.get();
      // Granted since the facts were last reported: no longer waiting.
      const waiting = (s.facts?.registries ?? []).filter((r) => !r.permitted).map((r) => new URL(r.base).origin).filter((o) => answers[o] !== 'granted');
      const items = [...new Set(waiting)].filter((o) => !dismissed.has(o));
      const show = items.length > 0 || (notPlaced && !dismissed.has('not-placed'));
      if (!show) {
        render(null, mount);
        host.remove();
        return;
      }
      if (!host.isConnected) document.body.append(host);
      render(
        <div class="panel notice-corner" role="status" style={{ position: 'fixed', right: '16px', bottom: '16px', maxWidth: '360px', zIndex: 2147483000 }}>
          {notPlaced && !dismissed.has('not-placed') && (
            <p data-field="not-placed">
              {t('pagefacts.notPlaced')}{' '}
              <button type="button" class="link" data-action="dismiss" onClick={() => ((dismissed = new Set([...dismissed, 'not-placed'])), paint())}>
                {t('pagefacts.dismiss')}
              </button>
            </p>
          )}
          {items.map((origin) => (
            <p data-field="permission" data-origin={origin} data-state={answers[origin] ?? 'waiting'}>
              {answers[origin] === 'declined' ? t('pagefacts.declined', origin) : t('pagefacts.permissionAsk', origin)}{' '}
              {answers[origin] !== 'declined' && (
                <button type="button" class="primary" data-action="allow" onClick={() => void openDiagnostics(origin)}>
                  {t('pagefacts.allow')}
                </button>
              )}{' '}
              <button type="button" class="link" data-action="dismiss" onClick={() => ((dismissed = new Set([...dismissed, origin])), paint())}>
                {t('pagefacts.dismiss')}
              </button>
            </p>
          ))}
        </div>,
        mount,
      );
    };
    void readLocal<HostAccessAnswers>(HOST_ACCESS_KEY).then((a) => {
      answers = a ?? {};
      paint();
    });
    watchLocal<HostAccessAnswers>(HOST_ACCESS_KEY, (a) => {
      answers = a ?? {};
      paint();
    }, signal);

    // "Nothing could be placed": the data lists or opens messages, and after the page had time to render them no
    // feature found a place. Said once per tab.
    const check = () => {
      const s = store.get();
      const expected = (s.facts?.listed?.ids.length ?? 0) > 0 || !!s.facts?.open;
      const results = Object.values(s.placement);
      const nothing = expected && results.length > 0 && results.every((r) => r.placed === 0 && r.unplaced > 0);
      if (nothing && !sessionStorage.getItem(SAID_KEY)) {
        sessionStorage.setItem(SAID_KEY, '1');
        notPlaced = true;
        console.info('[e-Box Keeper] nothing could be placed on this page:', JSON.stringify(s.placement));
      }
      paint();
    };
    const timer = setTimeout(check, SETTLE_MS);
    store.subscribe(paint, signal);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      render(null, mount);
      host.remove();
    });
  },
};
