// The proof store as clients see it: C2SP tlog-checkpoint signed notes and RFC 9162 proofs (hashes base64).
import { z } from 'zod';

export const base64HashSchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a SHA-256 in base64');

export const checkpointSchema = z.object({
  /** The signed note, verbatim (origin, size, root, blank line, signature lines). */
  note: z.string(),
  origin: z.string(),
  treeSize: z.number().int().nonnegative(),
  rootHash: base64HashSchema,
  /** The Ed25519 verifier key of the note, `<name>+<keyhash hex>+<base64(0x01||key)>`. */
  verifierKey: z.string(),
  /** True once an RFC 3161 timestamp over the note body is stored. */
  timestamped: z.boolean(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const inclusionProofSchema = z.object({
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  leafHash: base64HashSchema,
  path: z.array(base64HashSchema),
});
export type InclusionProof = z.infer<typeof inclusionProofSchema>;

export const consistencyProofSchema = z.object({
  fromSize: z.number().int().nonnegative(),
  toSize: z.number().int().nonnegative(),
  path: z.array(base64HashSchema),
});
export type ConsistencyProof = z.infer<typeof consistencyProofSchema>;

export const storeStatusSchema = z.object({
  treeSize: z.number().int().nonnegative(),
  checkpoint: checkpointSchema.nullable(),
  documentsStored: z.number().int().nonnegative(),
});
export type StoreStatus = z.infer<typeof storeStatusSchema>;
