// The inbox's quick "file" action: the filing form in a small popover beside the row, one at a time.
import { render } from 'preact';
import { t } from '../../i18n/i18n.ts';
import { FilingForm } from '../../ui/filing-form.tsx';
import type { OverlayStore } from '../overlay-store.ts';
import { archivingUser } from '../page-model.ts';
import { createShadowHost } from '../shadow-host.ts';

let store: OverlayStore | undefined;
let open: { host: HTMLElement; mount: HTMLElement; close: AbortController } | undefined;

export function configureFilingPopover(s: OverlayStore): void {
  store = s;
}

export function closeFilingPopover(): void {
  if (!open) return;
  open.close.abort();
  render(null, open.mount);
  open.host.remove();
  open = undefined;
}

export function openFilingPopover(messageId: string, near: HTMLElement): void {
  closeFilingPopover();
  if (!store) return;
  const s = store;
  const { host, mount } = createShadowHost('ebox-keeper-popover', 'filing-popover');
  const close = new AbortController();
  open = { host, mount, close };
  document.body.append(host);
  const rect = near.getBoundingClientRect();
  const top = Math.min(rect.bottom + 6, window.innerHeight - 40);
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 330));
  const paint = () => {
    const filing = s.get().filing.get(messageId);
    render(
      <div class="panel popover" style={{ top: `${top}px`, left: `${left}px`, maxHeight: `${window.innerHeight - top - 8}px`, overflow: 'auto' }} data-message-id={messageId}>
        <h2>
          e-Box Keeper
          <button type="button" class="action" style={{ marginLeft: 'auto' }} onClick={closeFilingPopover} data-action="close">
            {t('overlay_close')}
          </button>
        </h2>
        {filing ? <FilingForm messageId={messageId} filing={filing} labels={s.get().labels} store={s} user={archivingUser(s)} /> : <p class="status">{t('overlay_notSeen')}</p>}
      </div>,
      mount,
    );
  };
  paint();
  s.subscribe(paint, close.signal);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && closeFilingPopover(), { signal: close.signal });
  document.addEventListener('mousedown', (e) => !e.composedPath().includes(host) && closeFilingPopover(), { signal: close.signal });
}
