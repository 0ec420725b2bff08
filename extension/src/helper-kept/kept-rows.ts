// The messages the local helper keeps by itself (its e-Box Document Consumer sync), as the extension shows them:
// rows of the archive page's list beside the browser's, and messages whose expiry the badge and popup count. Pure:
// no DOM, no browser API, tested in Node.
import type { KeptMessageList } from '../../../shared/helper-api/sync.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { fold } from '../../../shared/text/fold.ts';
import type { StoredSearchDoc } from '../search/search-doc.ts';
import type { SeenMessage } from '../expiry/seen-message-source.ts';

export type KeptMessage = KeptMessageList['items'][number];

/** The message as the helper normalised it (shared/ebox/model.ts); the list schema only checks its id. */
export const eboxMessageOf = (k: KeptMessage) => k.message as unknown as EboxMessage;

/** Every document kept whole; a mismatch is kept too (flagged), gone or failed ones are not. */
export function keptWhole(k: KeptMessage): boolean {
  return k.documents.every((d) => d.state === 'kept' || d.state === 'mismatch');
}

const texts = (t: Record<string, unknown> | undefined) => (t ? Object.values(t).filter((v): v is string => typeof v === 'string') : []);

/** An archive-page row of a kept message: searchable and filterable like the browser's own. */
export function keptSearchDoc(k: KeptMessage): StoredSearchDoc {
  const m = eboxMessageOf(k);
  return {
    messageId: m.messageId,
    enterprise: k.enterprise,
    text: fold([...texts(m.subject), m.senderOrganizationId, ...k.documents.map((d) => d.fileName)].join(' ')),
    senderOrganizationId: m.senderOrganizationId,
    messageTypeId: m.messageTypeId,
    labels: [],
    tags: [],
    registered: m.registeredMail,
    archived: keptWhole(k),
    integrityMismatch: k.documents.some((d) => d.state === 'mismatch'),
    receiptMs: Date.parse(k.receiptDate),
    expiryMs: Date.parse(k.expirationDate),
    subjectNames: m.subject,
    bytes: k.documents.reduce((n, d) => n + (d.sizeBytes ?? 0), 0),
  };
}

/** What expiry counts of a kept message: safe once the helper holds all its documents. */
export function keptSeenMessage(k: KeptMessage): SeenMessage {
  const m = eboxMessageOf(k);
  return {
    messageId: m.messageId,
    enterprise: k.enterprise,
    subject: m.subject,
    senderOrganizationId: m.senderOrganizationId,
    expirationDate: k.expirationDate,
    archived: keptWhole(k),
    registeredMail: m.registeredMail,
  };
}

/**
 * The browser's seen messages with the helper's: a message both know is one message, archived when either kept it
 * whole; one only the helper knows is added.
 */
export function mergeSeen(seen: readonly SeenMessage[], kept: readonly KeptMessage[]): SeenMessage[] {
  const byId = new Map(kept.map((k) => [eboxMessageOf(k).messageId, k]));
  const out = seen.map((s) => {
    const k = byId.get(s.messageId);
    if (!k) return s;
    byId.delete(s.messageId);
    return s.archived || !keptWhole(k) ? s : { ...s, archived: true };
  });
  for (const k of byId.values()) out.push(keptSeenMessage(k));
  return out;
}
