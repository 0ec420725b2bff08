// Evidences kept in the helper's proof store, linked to their e-Box message: the evidence bytes and the JSON
// report as blobs, the PDF report as an artifact, and a Merkle leaf that commits to all of them.
//   POST /evidence/verify            verifyEvidenceRequestSchema -> evidenceReportSchema
//   POST /evidence                   archiveEvidenceRequestSchema -> archivedEvidenceSchema (201)
//   GET  /evidence?messageId=...     -> archivedEvidenceListSchema
//   GET  /evidence/:leafIndex/evidence.xml | report.pdf   (bytes)
import { z } from 'zod';
import { sha256HexSchema } from '../helper-api/protocol.ts';
import { evidenceReportSchema, verifyEvidenceRequestSchema } from './report.ts';

export const EVIDENCE_ENTRY_TYPE = 'ebox-keeper/qerds-evidence';
export const EVIDENCE_ENTRY_VERSION = 1;

export const archiveEvidenceRequestSchema = verifyEvidenceRequestSchema.extend({
  /** The e-Box message the evidence belongs to. */
  messageId: z.string().min(1).max(200),
});
export type ArchiveEvidenceRequest = z.infer<typeof archiveEvidenceRequestSchema>;

export const archivedEvidenceSchema = z.object({
  leafIndex: z.number().int().nonnegative(),
  messageId: z.string(),
  archivedAt: z.iso.datetime({ offset: true }),
  evidenceSha256: sha256HexSchema,
  reportSha256: sha256HexSchema,
  /** SHA-256 of each archived document the evidence was checked against. */
  contentHashes: z.array(z.object({ name: z.string(), sha256: sha256HexSchema })),
  report: evidenceReportSchema,
});
export type ArchivedEvidence = z.infer<typeof archivedEvidenceSchema>;

export const archivedEvidenceListSchema = z.object({ items: z.array(archivedEvidenceSchema) });
export type ArchivedEvidenceList = z.infer<typeof archivedEvidenceListSchema>;
