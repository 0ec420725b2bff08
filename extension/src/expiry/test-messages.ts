// Seen messages for the expiry tests: one helper, so each test states only what matters to it.
import type { MessageArchiver, SeenMessage, SeenMessageSource } from './seen-message-source.ts';

export function seenMessage(messageId: string, expirationDate: string, archived = false): SeenMessage {
  return {
    messageId,
    subject: { fr: `Sujet ${messageId}`, nl: `Onderwerp ${messageId}` },
    senderOrganizationId: '0206731645',
    senderName: { fr: 'ONSS', nl: 'RSZ' },
    expirationDate,
    archived,
  };
}

/** An in-memory seen-message store and archiver, standing in for the archive's Dexie store in unit tests. */
export function memoryArchive(initial: SeenMessage[], lastRefreshedAt: string | null = '2026-11-23T09:00:00.000Z') {
  const messages = new Map(initial.map((m) => [m.messageId, { ...m }]));
  const listeners = new Set<() => void>();
  const archivedIds: string[] = [];
  const source: SeenMessageSource = {
    async read() {
      return { messages: [...messages.values()].map((m) => ({ ...m })), lastRefreshedAt };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const archiver: MessageArchiver = {
    async archive(messageId) {
      const m = messages.get(messageId);
      if (!m) throw new Error(`unknown message ${messageId}`);
      if (messageId.startsWith('fail')) throw new Error('the e-Box refused the download (403)');
      m.archived = true;
      archivedIds.push(messageId);
      for (const l of listeners) l();
    },
  };
  return { source, archiver, archivedIds, add: (m: SeenMessage) => messages.set(m.messageId, { ...m }) };
}
