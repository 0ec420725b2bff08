// The archive's Dexie store as expiry's SeenMessageSource. Dexie's storagemutated event fires for writes made in any
// extension context (service worker, archive page, popup), so the badge follows every change.
import { Dexie } from 'dexie';
import type { ArchiveDb } from '../archive/db.ts';
import { toSeenMessage } from '../archive/messages.ts';
import type { SeenMessageSource, SeenSnapshot } from './seen-message-source.ts';

export function archiveSeenSource(db: ArchiveDb): SeenMessageSource {
  return {
    async read(): Promise<SeenSnapshot> {
      const records = await db.messages.toArray();
      let lastRefreshedAt: string | null = null;
      for (const r of records) if (lastRefreshedAt === null || r.lastSeenAt > lastRefreshedAt) lastRefreshedAt = r.lastSeenAt;
      return { messages: records.map(toSeenMessage), lastRefreshedAt };
    },
    onChange(listener) {
      // Parts are named idb://<database>/<table>/<index>.
      const prefix = `idb://${db.name}/messages/`;
      const onMutated = (parts: Record<string, unknown>) => {
        if (Object.keys(parts).some((part) => part.startsWith(prefix))) listener();
      };
      Dexie.on('storagemutated', onMutated);
      return () => Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
