// One message: subject, sender, dates, registered flag, documents to open or download, business data, payment,
// body, and for a qualified-registered notification the action link to the QERDS provider.
import type { EboxDocument, EboxMessage } from '../../../../shared/ebox/model.ts';
import { translate } from '../../../../shared/ebox/model.ts';
import type { TranslatedString, WireMessageType, WireSenderApplication, WireSenderOrganization } from '../../../../shared/ebox/wire.ts';
import { QERDS_MESSAGE_TYPE_ID } from '../../data/catalogue.ts';
import { useApp } from './app-context.ts';
import { EnvelopeIcon } from './icons.tsx';
import { formatDateTime, formatMoney } from './i18n.ts';
import { lastInboxHref } from './last-inbox.ts';
import { SenderLogo } from './sender-logo.tsx';
import { useAsync } from './use-async.ts';
import type { RegistryClient } from './registry-client.ts';
import { CardReader, GridReader } from './skins.tsx';

interface Loaded {
  message: EboxMessage;
  org?: WireSenderOrganization;
  type?: WireMessageType;
  app?: WireSenderApplication;
  body?: TranslatedString;
}

async function openDocument(client: RegistryClient, m: EboxMessage, d: EboxDocument, download: boolean): Promise<void> {
  const blob = await client.content(m.messageId, d.attachmentId);
  const url = URL.createObjectURL(new Blob([blob], { type: d.mediaType }));
  if (download) {
    const a = document.createElement('a');
    a.href = url;
    a.download = d.fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } else {
    window.open(url, '_blank', 'noopener');
  }
  // The viewer tab has its own reference by now; free ours a minute later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function DocumentItem({ message, doc, onOpened }: { message: EboxMessage; doc: EboxDocument; onOpened: () => void }) {
  const { client, lang, words } = useApp();
  const act = (download: boolean) => openDocument(client, message, doc, download).then(onOpened, (e: unknown) => alert(`${words.error}: ${String(e)}`));
  const ext = doc.fileName.split('.').pop()?.toUpperCase() ?? '';
  return (
    <li class="document" data-attachment-id={doc.attachmentId} data-media-type={doc.mediaType} data-main-content={String(doc.mainContent)} data-file-name={doc.fileName}>
      <span class={`file-icon file-${ext.toLowerCase()}`} aria-hidden="true">
        {ext}
      </span>
      <span class="document-info">
        <span class="document-title">{translate(doc.title, lang) || doc.fileName}</span>
        <span class="document-meta">
          {doc.fileName} · {doc.sizeKb.toLocaleString(lang)} {words.kb} · {doc.mainContent ? words.mainDocument : words.annex}
          {doc.signed && <span class="signed"> · {words.signedDocument}</span>}
        </span>
      </span>
      <button type="button" class="document-open" onClick={() => act(false)}>
        {words.open}
      </button>
      <button type="button" class="document-download" onClick={() => act(true)}>
        {words.download}
      </button>
    </li>
  );
}

export function MessagePage({ messageId }: { messageId: string }) {
  const { client, config, lang, words } = useApp();
  const [result, reload] = useAsync(async (): Promise<Loaded> => {
    const message = await client.message(messageId);
    const [org, type, app, body] = await Promise.all([
      client.senderOrganization(message.senderOrganizationId).catch(() => undefined),
      client.messageType(message.messageTypeId).catch(() => undefined),
      message.senderApplicationId ? client.senderApplication(message.senderApplicationId).catch(() => undefined) : undefined,
      // Reading the body marks the message read when the body is its main content.
      client.body(messageId).catch(() => undefined),
    ]);
    return { message, ...(org ? { org } : {}), ...(type ? { type } : {}), ...(app ? { app } : {}), ...(body ? { body } : {}) };
  }, [messageId]);

  if (result.state === 'error') {
    return (
      <main class="message-page" id="message">
        <a class="back" href={lastInboxHref()}>
          ← {words.back}
        </a>
        <div class="error" role="alert">
          {words.error}: {result.error.message}
        </div>
      </main>
    );
  }
  if (result.state === 'loading') {
    return (
      <main class="message-page" id="message" aria-busy="true">
        <a class="back" href={lastInboxHref()}>
          ← {words.back}
        </a>
        <p class="loading">{words.loading}</p>
      </main>
    );
  }
  const { message: m, org, type, app, body } = result.value;
  const qualified = m.messageTypeId === QERDS_MESSAGE_TYPE_ID;
  const actionLink = m.businessData.find((b) => b.key === 'qerdsActionLink')?.values[0];
  const shownData = m.businessData.filter((b) => b.key !== 'qerdsActionLink');
  if (config.skin === 'grid' || config.skin === 'cards') {
    const Reader = config.skin === 'grid' ? GridReader : CardReader;
    const open = (d: EboxDocument, download: boolean) =>
      void openDocument(client, m, d, download).then(d.mainContent && !m.read ? reload : () => undefined, (e: unknown) => alert(`${words.error}: ${String(e)}`));
    return (
      <main class="message-page" id="message">
        <a class="back" href={lastInboxHref()}>
          ← {words.back}
        </a>
        <Reader message={m} {...(org ? { org } : {})} {...(body ? { body } : {})} openDocument={open} />
      </main>
    );
  }
  const hideOrShow = () => client.setVisible(m.messageId, !m.visible).then(reload, (e: unknown) => alert(`${words.error}: ${String(e)}`));
  return (
    <main class="message-page" id="message">
      <a class="back" href={lastInboxHref()}>
        ← {words.back}
      </a>
      <article class="message-view" data-message-id={m.messageId} data-registered={String(m.registeredMail)} data-qualified={String(qualified)} data-read={String(m.read)}>
        <header class="message-header">
          <SenderLogo org={org} />
          <div>
            <h1 class="message-subject">{translate(m.subject, lang)}</h1>
            <p class="message-sender">
              <span class="sender-name">{translate(org?.organizationLongName ?? org?.organizationShortName, lang) || m.senderOrganizationId}</span>
              {app && <span class="sender-application"> · {translate(app.applicationName, lang)}</span>}
            </p>
          </div>
          <button type="button" class="hide-message" onClick={hideOrShow}>
            {m.visible ? words.hide : words.show}
          </button>
        </header>
        {m.registeredMail && (
          <p class={`registered-flag${qualified ? ' qualified' : ''}`}>
            <EnvelopeIcon /> {qualified ? words.qualifiedRegistered : words.registeredMail}
          </p>
        )}
        <dl class="message-meta">
          <div>
            <dt>{words.messageType}</dt>
            <dd class="message-type">{translate(type?.messageTypeName, lang) || m.messageTypeId}</dd>
          </div>
          <div>
            <dt>{words.received}</dt>
            <dd>
              <time class="received" datetime={m.receiptDate}>
                {formatDateTime(m.receiptDate, lang)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{words.expires}</dt>
            <dd>
              <time class="expiry" datetime={m.expirationDate}>
                {formatDateTime(m.expirationDate, lang)}
              </time>
            </dd>
          </div>
          {m.forTheAttentionOf?.name && (
            <div>
              <dt>{words.forAttentionOf}</dt>
              <dd class="for-the-attention-of">{m.forTheAttentionOf.name}</dd>
            </div>
          )}
        </dl>
        {qualified && actionLink && (
          <section class="qerds-notification">
            <h2>{words.qerdsTitle}</h2>
            <p>{words.qerdsText}</p>
            <a class="qerds-action" href={translate(actionLink, lang)} target="_blank" rel="noopener">
              {words.qerdsAction} ↗
            </a>
          </section>
        )}
        {body && (
          <section class="message-body">
            {translate(body, lang)
              .split(/\n{2,}/)
              .map((p) => (
                <p>{p}</p>
              ))}
          </section>
        )}
        {m.documents.length > 0 && (
          <section class="documents">
            <h2>{words.documents}</h2>
            <ul>
              {m.documents.map((d) => (
                // Opening the main content marks the message read on the registry: show it.
                <DocumentItem message={m} doc={d} onOpened={d.mainContent && !m.read ? reload : () => undefined} />
              ))}
            </ul>
          </section>
        )}
        {shownData.length > 0 && (
          <section class="business-data">
            <h2>{words.businessData}</h2>
            <dl>
              {shownData.map((b) => (
                <div data-key={b.key}>
                  <dt>{translate(b.name, lang) || b.key}</dt>
                  <dd>{b.values.map((v) => translate(v, lang)).join(', ')}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        {m.paymentData && (
          <section class="payment">
            <h2>{words.payment}</h2>
            <dl>
              <div>
                <dt>{words.amount}</dt>
                <dd class="amount">{formatMoney(m.paymentData.amount + (m.paymentData.vatAmount ?? 0), m.paymentData.currency, lang)}</dd>
              </div>
              {m.paymentData.dueDate && (
                <div>
                  <dt>{words.dueDate}</dt>
                  <dd>{formatDateTime(m.paymentData.dueDate, lang)}</dd>
                </div>
              )}
              <div>
                <dt>{words.account}</dt>
                <dd class="iban">
                  {m.paymentData.iban}
                  {m.paymentData.bic ? ` (${m.paymentData.bic})` : ''}
                </dd>
              </div>
              {typeof m.paymentData.reference === 'object' && m.paymentData.reference !== null && 'structured' in m.paymentData.reference && (
                <div>
                  <dt>{words.communication}</dt>
                  <dd class="structured-communication">{String((m.paymentData.reference as { structured: unknown }).structured)}</dd>
                </div>
              )}
            </dl>
          </section>
        )}
      </article>
    </main>
  );
}
