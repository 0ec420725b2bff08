// /ebox and /ebox/messages/...: the mailbox summary, the list, hiding/showing (PATCH), a message, its documents,
// their bytes and its body. Opening the main content marks the message read, as in the real e-Box.
import { Hono } from 'hono';
import { messagesToUpdateSchema, type RegistryContract } from '../../../shared/ebox/registry-api.ts';
import { formatBrussels } from '../data/brussels-time.ts';
import { materialise, type Mailbox, type MaterialisedDocument, type SandboxMessage } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';
import type { RegistryEnv } from './bearer-auth.ts';
import { parseMessageQuery, selectPage } from './message-query.ts';
import { BadRequest, fail } from './status-message.ts';
import { wireAttachment, wireAttachments, wireMessage, wirePaymentData, type WireContext } from './wire-format.ts';

/** A message the caller can see: its own mailbox, not yet expired (the e-Box deletes expired mail). */
function liveMessage(mailbox: Mailbox, id: string, now: Date): SandboxMessage | undefined {
  const m = mailbox.byId.get(id);
  return m && m.expirationDate.getTime() > now.getTime() ? m : undefined;
}

export function messagesRouter(state: SandboxState, contract: RegistryContract, baseUrlOf: (url: string) => string): Hono<RegistryEnv> {
  const r = new Hono<RegistryEnv>();
  const ctx = (url: string): WireContext => ({ contract, baseUrl: baseUrlOf(url) });

  r.get('/ebox', (c) => {
    const mailbox = c.get('mailbox');
    const now = state.now();
    const live = mailbox.messages.filter((m) => m.expirationDate.getTime() > now.getTime());
    // The size is the sum of the documents' sizes, known once their bytes exist. A large generated mailbox renders
    // bytes only as pages are listed, so until then the (optional) eboxSize is left out rather than guessed.
    const docs = live.flatMap((m) => m.documents);
    const size = docs.every((d) => d.rendered) ? docs.reduce((n, d) => n + (d.rendered as MaterialisedDocument).sizeKb, 0) : undefined;
    const newest = live[0];
    return c.json({
      numberOfMessages: live.length,
      numberOfUnreadMessages: live.filter((m) => !m.readStatus).length,
      ...(newest ? { lastReceiptDate: formatBrussels(newest.receiptDate) } : {}),
      ...(mailbox.lastConsultationDate ? { lastConsultationDate: formatBrussels(mailbox.lastConsultationDate) } : {}),
      ...(size !== undefined ? { eboxSize: Math.round(size * 100) / 100 } : {}),
    });
  });

  r.get('/ebox/messages', async (c) => {
    const mailbox = c.get('mailbox');
    const query = parseMessageQuery(c.req.query());
    const now = state.now();
    const page = selectPage(mailbox.messages, query, now);
    mailbox.lastConsultationDate = now;
    const w = ctx(c.req.url);
    return c.json({ items: await Promise.all(page.items.map((m) => wireMessage(w, m))), totalItems: page.totalItems });
  });

  r.patch('/ebox/messages', async (c) => {
    const mailbox = c.get('mailbox');
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/merge-patch+json' && type !== 'application/json') {
      throw new BadRequest('INVALID_CONTENT_TYPE', 'PATCH /ebox/messages takes application/merge-patch+json');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new BadRequest('INVALID_BODY', 'The body is not JSON');
    }
    const parsed = messagesToUpdateSchema.safeParse(body);
    if (!parsed.success) throw new BadRequest('INVALID_BODY', parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    const now = state.now();
    const missing = parsed.data.items.filter((i) => !liveMessage(mailbox, i.messageId, now)).map((i) => i.messageId);
    // All or nothing: one unknown id changes no message.
    if (missing.length) return fail(c, 404, 'MESSAGE_NOT_FOUND', `No message ${missing.join(', ')}`);
    for (const item of parsed.data.items) (mailbox.byId.get(item.messageId) as SandboxMessage).visible = item.visible;
    return c.body(null, 200);
  });

  r.get('/ebox/messages/:messageId', async (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    return m ? c.json(await wireMessage(ctx(c.req.url), m)) : fail(c, 404, 'MESSAGE_NOT_FOUND', `No message ${c.req.param('messageId')}`);
  });

  r.get('/ebox/messages/:messageId/attachments', async (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    return m ? c.json(await wireAttachments(ctx(c.req.url), m)) : fail(c, 404, 'MESSAGE_NOT_FOUND', `No message ${c.req.param('messageId')}`);
  });

  r.get('/ebox/messages/:messageId/attachments/:attachmentId', async (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    const d = m?.documents.find((x) => x.attachmentId === c.req.param('attachmentId'));
    if (!m || !d) return fail(c, 404, 'ATTACHMENT_NOT_FOUND', `No attachment ${c.req.param('attachmentId')} in message ${c.req.param('messageId')}`);
    return c.json(await wireAttachment(ctx(c.req.url), m, d));
  });

  r.get('/ebox/messages/:messageId/attachments/:attachmentId/content', async (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    const d = m?.documents.find((x) => x.attachmentId === c.req.param('attachmentId'));
    if (!m || !d) return fail(c, 404, 'ATTACHMENT_NOT_FOUND', `No attachment ${c.req.param('attachmentId')} in message ${c.req.param('messageId')}`);
    const { bytes } = await materialise(d);
    if (d.mainContent) m.readStatus = true;
    return c.body(bytes, 200, {
      'Content-Type': d.mediaType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${d.fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
    });
  });

  r.get('/ebox/messages/:messageId/body', (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    if (!m || !m.body) return fail(c, 404, 'BODY_NOT_FOUND', `No body for message ${c.req.param('messageId')}`);
    if (m.bodyMainContent) m.readStatus = true;
    return c.json(m.body);
  });

  r.get('/ebox/messages/:messageId/paymentData', (c) => {
    const m = liveMessage(c.get('mailbox'), c.req.param('messageId'), state.now());
    const p = m && wirePaymentData(m);
    return p ? c.json(p) : fail(c, 404, 'PAYMENT_DATA_NOT_FOUND', `No payment data for message ${c.req.param('messageId')}`);
  });

  return r;
}
