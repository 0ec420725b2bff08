// Sender and type names from the registry's reference data, kept so archived messages stay readable after the
// e-Box forgets them.
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import type { ArchiveDb } from './db.ts';
import type { ResolvedNames } from './records.ts';

export type NameKind = 'org' | 'app' | 'type';

export async function rememberNames(db: ArchiveDb, entries: { kind: NameKind; id: string; name: TranslatedString }[]): Promise<void> {
  if (entries.length) await db.names.bulkPut(entries.map((e) => ({ key: `${e.kind}:${e.id}`, name: e.name })));
}

export async function resolveNames(db: ArchiveDb, messages: readonly EboxMessage[]): Promise<ResolvedNames[]> {
  const keys = new Set<string>();
  for (const m of messages) {
    keys.add(`org:${m.senderOrganizationId}`);
    keys.add(`type:${m.messageTypeId}`);
    if (m.senderApplicationId) keys.add(`app:${m.senderApplicationId}`);
  }
  const list = [...keys];
  const found = await db.names.bulkGet(list);
  const byKey = new Map(list.map((k, i) => [k, found[i]?.name]));
  return messages.map((m) => {
    const sender = byKey.get(`org:${m.senderOrganizationId}`);
    const messageType = byKey.get(`type:${m.messageTypeId}`);
    const senderApplication = m.senderApplicationId ? byKey.get(`app:${m.senderApplicationId}`) : undefined;
    return { ...(sender ? { sender } : {}), ...(messageType ? { messageType } : {}), ...(senderApplication ? { senderApplication } : {}) };
  });
}

/** Messages seen before their names arrived (the app asks for reference data after the list) get them now. */
export async function fillMissingNames(db: ArchiveDb, entries: { kind: NameKind; id: string; name: TranslatedString }[]): Promise<void> {
  for (const e of entries) {
    if (e.kind === 'org') await db.messages.where('senderOrganizationId').equals(e.id).filter((r) => !r.names.sender).modify((r) => void (r.names = { ...r.names, sender: e.name }));
    else if (e.kind === 'type') await db.messages.where('messageTypeId').equals(e.id).filter((r) => !r.names.messageType).modify((r) => void (r.names = { ...r.names, messageType: e.name }));
  }
}
