// Builders of registry messages for unit tests: the wire JSON the e-Box app receives, and its normalised form.
import { normaliseMessage } from '../../../shared/ebox/normalise.ts';
import type { EboxMessage } from '../../../shared/ebox/model.ts';
import { toBase64Url } from '../../../shared/digest.ts';
import { createHash } from 'node:crypto';

export function digestOf(bytes: Uint8Array): string {
  return toBase64Url(new Uint8Array(createHash('sha256').update(bytes).digest()));
}

export function pdfBytes(text: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);
}

export function wireMessage(id: string, over: Record<string, unknown> = {}, docs: { id: string; bytes: Uint8Array; mediaType?: string; digest?: string }[] = []) {
  return {
    messageId: id,
    subject: { fr: `Avis de François ${id}`, nl: `Bericht ${id}`, de: `Mitteilung ${id}` },
    receiptDate: '2026-11-01T10:00:00+01:00',
    expirationDate: '2027-05-01T10:00:00+02:00',
    readStatus: false,
    visible: true,
    registeredMail: false,
    messageTypeId: 'T-DMFA',
    senderOrganizationId: '0206731645',
    senderApplicationId: 'A-DMFA',
    bodyMainContent: false,
    replyAuthorized: false,
    businessDataList: { items: [{ key: 'ref', values: [{ fr: 'Dossier Żółw 42' }] }], totalItems: 1 },
    attachments: {
      items: docs.map((d) => ({
        attachmentId: d.id,
        fileName: `${d.id}.pdf`,
        mainContent: d.id === docs[0]?.id,
        mediaType: d.mediaType ?? 'application/pdf',
        size: Math.ceil(d.bytes.length / 1024),
        digest: { digestValue: d.digest ?? digestOf(d.bytes), digestMethod: 'sha_256' },
      })),
      totalItems: docs.length,
    },
    ...over,
  };
}

export function message(id: string, over: Record<string, unknown> = {}, docs: Parameters<typeof wireMessage>[2] = []): EboxMessage {
  return normaliseMessage(wireMessage(id, over, docs));
}
