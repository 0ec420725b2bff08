// The helper's sync (e-Box Document Consumer accounts), as the extension reads it:
//   GET  /sync            -> syncStatusSchema
//   POST /sync            {} -> {started}  ("sync now"; false when a run is going or no account exists)
//   GET  /sync/messages?enterprise=&limit=&offset=  -> {items: KeptMessage[]} (documents by sha256)
//   POST /documents/have  {sha256: [...]} -> {missing: [...]}  (which of these documents the helper lacks)
//   POST /documents/:sha256  raw bytes (application/octet-stream) -> storeDocumentResponseSchema
//   GET  /documents/:sha256  the bytes
import { z } from 'zod';
import { sha256Schema } from '../digest.ts';

export const syncProviderStatusSchema = z.object({
  provider: z.string(),
  name: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const syncStatusSchema = z.object({
  running: z.boolean(),
  nextRunAt: z.string().optional(),
  lastRun: z.object({ startedAt: z.string(), finishedAt: z.string(), summary: z.string(), problems: z.array(z.string()) }).optional(),
  accounts: z.array(z.object({ enterprise: z.string(), clientId: z.string(), certificateNotAfter: z.string(), providers: z.array(syncProviderStatusSchema) })),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const keptDocumentSchema = z.object({
  attachmentId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  state: z.string(),
  sha256: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  eboxDigest: z.string().nullable(),
  error: z.string().nullable(),
});

export const keptMessageSchema = z.object({
  enterprise: z.string(),
  provider: z.string(),
  receiptDate: z.string(),
  expirationDate: z.string(),
  kind: z.string(),
  partition: z.unknown(),
  forAction: z.unknown(),
  receiptId: z.string().nullable(),
  message: z.looseObject({ messageId: z.string() }),
  documents: z.array(keptDocumentSchema),
});
export const keptMessageListSchema = z.object({ items: z.array(keptMessageSchema) });
export type KeptMessageList = z.infer<typeof keptMessageListSchema>;

export const documentsHaveRequestSchema = z.object({ sha256: z.array(sha256Schema).max(1000) });
export const documentsHaveResponseSchema = z.object({ missing: z.array(sha256Schema) });
export type DocumentsHaveResponse = z.infer<typeof documentsHaveResponseSchema>;
