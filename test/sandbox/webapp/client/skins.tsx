// Two more markups of the same app, as other teams would write them, for an overlay that must not depend on one:
// - grid: an ARIA grid of divs, the message id only in each row's link (`#/messages/ID`, hash routing);
// - cards: web components whose shadow roots hold the cards and the reader; no id anywhere in the page or URL.
// Both make exactly the registry calls of the table markup (inbox-page.tsx, message-page.tsx load the data).
import { render, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { EboxDocument, EboxMessage } from '../../../../shared/ebox/model.ts';
import { translate } from '../../../../shared/ebox/model.ts';
import type { TranslatedString, WireMessageType, WireSenderOrganization } from '../../../../shared/ebox/wire.ts';
import { QERDS_MESSAGE_TYPE_ID } from '../../data/catalogue.ts';
import { AppContext, useApp } from './app-context.ts';
import { formatDateTime, formatDay } from './i18n.ts';
import { openReading } from './router.ts';

export interface SkinRow {
  message: EboxMessage;
  org?: WireSenderOrganization;
  type?: WireMessageType;
}

const CARD_CSS = `
:host { display: block; }
.card { border: 1px solid #d5dbe3; border-radius: 10px; padding: 12px 14px; background: #fff; cursor: pointer; display: grid; gap: 4px; }
.card.unread h3 { font-weight: 700; }
.card h3 { margin: 0; font-size: 15px; font-weight: 500; }
.meta { color: #5b6675; font-size: 13px; display: flex; gap: 10px; flex-wrap: wrap; }
.flag { color: #8a4b00; font-size: 12px; }
.reader { display: grid; gap: 12px; padding: 16px; background: #fff; border-radius: 10px; border: 1px solid #d5dbe3; }
.reader h1 { font-size: 20px; margin: 0; }
.docs { list-style: none; padding: 0; display: grid; gap: 6px; }
.docs li { display: flex; gap: 8px; align-items: center; }
.body p { margin: 0 0 8px; }
`;

/** A custom element whose content lives in its own open shadow root (the cards team's web components). Rendered
 *  as a tree of its own (no preact/compat portal: compat would change how every element of the app is rendered). */
function ShadowHost({ tag, children }: { tag: string; children: ComponentChildren }) {
  const app = useApp();
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const host = ref.current!;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open', serializable: true } as ShadowRootInit);
    render(
      <AppContext.Provider value={app}>
        <style>{CARD_CSS}</style>
        {children}
      </AppContext.Provider>,
      root as unknown as Element,
    );
  });
  useEffect(() => {
    const host = ref.current;
    return () => void (host?.shadowRoot && render(null, host.shadowRoot as unknown as Element));
  }, []);
  const Tag = tag as unknown as 'div';
  return <Tag ref={ref as never} />;
}

export function GridList({ rows, totalItems, busy }: { rows: SkinRow[]; totalItems: number; busy: boolean }) {
  const { lang, words } = useApp();
  return (
    <div role="grid" class="mail-grid" aria-label={words.inbox} aria-rowcount={totalItems} aria-busy={busy}>
      <div role="row" class="mail-grid__head">
        <div role="columnheader">{words.sender}</div>
        <div role="columnheader">{words.subject}</div>
        <div role="columnheader">{words.received}</div>
        <div role="columnheader">{words.expires}</div>
      </div>
      {rows.map((r, i) => {
        const m = r.message;
        return (
          <div role="row" class={`mail-grid__row${m.read ? '' : ' is-new'}`} aria-rowindex={i + 2} key={m.messageId}>
            <div role="gridcell" class="mail-grid__from">
              {translate(r.org?.organizationShortName, lang) || m.senderOrganizationId}
            </div>
            <div role="gridcell" class="mail-grid__subject">
              <a href={`#/messages/${encodeURIComponent(m.messageId)}`}>{translate(m.subject, lang)}</a>
              {m.registeredMail && <span class="mail-grid__flag"> ✉ {words.registeredMail}</span>}
            </div>
            <div role="gridcell">
              <time datetime={m.receiptDate}>{formatDay(m.receiptDate, lang)}</time>
            </div>
            <div role="gridcell">{formatDay(m.expirationDate, lang)}</div>
          </div>
        );
      })}
    </div>
  );
}

export function CardList({ rows, busy }: { rows: SkinRow[]; busy: boolean }) {
  const { lang, words } = useApp();
  return (
    <div class="card-stack" aria-busy={busy}>
      {rows.map((r) => {
        const m = r.message;
        return (
          <ShadowHost tag="ebx-message-card" key={m.messageId}>
            <div class={`card${m.read ? '' : ' unread'}`} onClick={() => openReading(m.messageId)}>
              <h3>{translate(m.subject, lang)}</h3>
              <div class="meta">
                <span>{translate(r.org?.organizationShortName, lang) || m.senderOrganizationId}</span>
                <span>{formatDay(m.receiptDate, lang)}</span>
                {m.registeredMail && <span class="flag">{words.registeredMail}</span>}
              </div>
            </div>
          </ShadowHost>
        );
      })}
    </div>
  );
}

export interface ReaderProps {
  message: EboxMessage;
  org?: WireSenderOrganization;
  body?: TranslatedString;
  openDocument: (doc: EboxDocument, download: boolean) => void;
}

function ReaderContent({ message: m, org, body, openDocument }: ReaderProps) {
  const { lang, words } = useApp();
  const qualified = m.messageTypeId === QERDS_MESSAGE_TYPE_ID;
  const link = m.businessData.find((b) => b.key === 'qerdsActionLink')?.values[0];
  return (
    <>
      <div class="reader__top">
        <h1>{translate(m.subject, lang)}</h1>
        <p class="meta">
          {translate(org?.organizationLongName ?? org?.organizationShortName, lang) || m.senderOrganizationId} · {formatDateTime(m.receiptDate, lang)}
        </p>
      </div>
      {m.registeredMail && <p class="flag">{qualified ? words.qualifiedRegistered : words.registeredMail}</p>}
      {qualified && link && (
        <a href={translate(link, lang)} target="_blank" rel="noopener">
          {words.qerdsAction}
        </a>
      )}
      {body && (
        <div class="body">
          {translate(body, lang)
            .split(/\n{2,}/)
            .map((p) => (
              <p>{p}</p>
            ))}
        </div>
      )}
      <ul class="docs">
        {m.documents.map((d) => (
          <li>
            <span>{translate(d.title, lang) || d.fileName}</span>
            <button type="button" onClick={() => openDocument(d, false)}>
              {words.open}
            </button>
            <button type="button" onClick={() => openDocument(d, true)}>
              {words.download}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function GridReader(props: ReaderProps) {
  return (
    <section class="reader" aria-labelledby="reader-title">
      <ReaderContent {...props} />
    </section>
  );
}

export function CardReader(props: ReaderProps) {
  return (
    <ShadowHost tag="ebx-reader">
      <section class="reader">
        <ReaderContent {...props} />
      </section>
    </ShadowHost>
  );
}
