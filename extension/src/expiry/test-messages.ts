// Seen messages for the expiry tests: one helper, so each test states only what matters to it.
import type { SeenMessage } from './seen-message-source.ts';

export function seenMessage(messageId: string, expirationDate: string, archived = false): SeenMessage {
  return {
    messageId,
    subject: { fr: `Sujet ${messageId}`, nl: `Onderwerp ${messageId}` },
    sender: { fr: 'ONSS', nl: 'RSZ' },
    expirationDate,
    archived,
  };
}
