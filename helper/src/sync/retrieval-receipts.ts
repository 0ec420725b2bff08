// A registered message the sync retrieved gets a signed acknowledgement of receipt like one opened in the browser:
// opened by the company's system (the OAuth client), at the time its documents were retrieved. A receipt this
// client already made for the message (a run killed after signing, before recording it) is found in the proof
// store and reused, so a rerun never signs twice.
import type { AcknowledgeRequest } from '../../../shared/helper-api/index.ts';
import type { EboxMessage, Language } from '../../../shared/ebox/model.ts';
import type { TranslatedString } from '../../../shared/ebox/wire.ts';
import { registeredKindOf } from '../../../shared/ebox/qerds.ts';
import type { ReceiptService } from '../receipts/receipt-service.ts';
import type { ProofStore } from '../store/proof-store.ts';
import type { ConsumerAccount } from '../consumers/consumer-account.ts';
import type { RetrievalAcknowledger } from './provider-sync.ts';
import type { DocumentRow } from './sync-db.ts';

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const withOffset = (date: string) => (/(Z|[+-]\d\d:\d\d)$/.test(date) ? date : new Date(date).toISOString());

/** Who "opened" a message the sync retrieved: the OAuth client, named so a reader of the receipt knows. */
export function retrieverName(account: Pick<ConsumerAccount, 'clientId'>): string {
  return cut(`e-Box Keeper sync, OAuth client ${account.clientId}`, 200);
}

/** Receipts in the user's language when the environment says it, English otherwise. */
export function receiptLanguage(env = process.env): Language {
  const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').slice(0, 2).toLowerCase();
  return lang === 'fr' || lang === 'nl' || lang === 'de' ? lang : 'en';
}

function translated(text: TranslatedString): AcknowledgeRequest['message']['subject'] {
  const out: AcknowledgeRequest['message']['subject'] = {};
  for (const lang of ['fr', 'nl', 'de', 'en'] as const) if (text[lang]) out[lang] = cut(text[lang]!, 400);
  return out;
}

export function retrievalRequest(account: ConsumerAccount, message: EboxMessage, documents: DocumentRow[], retrievedAt: string, language: Language): AcknowledgeRequest {
  const kind = registeredKindOf(message) ?? 'registered';
  return {
    message: {
      messageId: message.messageId,
      subject: translated(message.subject),
      senderOrganizationId: message.senderOrganizationId,
      ...(message.senderApplicationId ? { senderApplicationId: cut(message.senderApplicationId, 200) } : {}),
      messageTypeId: cut(message.messageTypeId, 200),
      receiptDate: withOffset(message.receiptDate),
      expirationDate: withOffset(message.expirationDate),
      registeredMail: true,
      registeredKind: kind,
      recipientEnterpriseId: account.enterprise,
      ...(message.forTheAttentionOf?.name ? { forTheAttentionOf: cut(message.forTheAttentionOf.name, 200) } : {}),
    },
    documents: documents
      .filter((d) => d.sha256 !== null)
      .slice(0, 6)
      .map((d) => ({
        attachmentId: d.attachmentId,
        fileName: cut(d.fileName, 255),
        mediaType: d.mediaType,
        ...(d.sizeBytes !== null ? { sizeBytes: d.sizeBytes } : {}),
        sha256: d.sha256!,
        ...(d.eboxDigest ? { eboxDigest: d.eboxDigest } : {}),
      })),
    openedAt: withOffset(retrievedAt),
    openedBy: { name: retrieverName(account) },
    language,
  };
}

export function retrievalAcknowledger(account: ConsumerAccount, receipts: ReceiptService, store: ProofStore, language = receiptLanguage()): RetrievalAcknowledger {
  const name = retrieverName(account);
  return {
    async acknowledge(enterprise, message, documents, retrievedAt) {
      for (const leafIndex of receipts.leafIndexesOf(message.messageId)) {
        const leaf = JSON.parse((await store.entry(leafIndex)).leaf.toString('utf8')) as { receiptId: string; openedBy?: { name?: string }; message?: { recipientEnterpriseId?: string } };
        if (leaf.openedBy?.name === name && leaf.message?.recipientEnterpriseId === enterprise) return leaf.receiptId;
      }
      const record = await receipts.acknowledge(retrievalRequest(account, message, documents, retrievedAt, language));
      return record.receiptId;
    },
  };
}
