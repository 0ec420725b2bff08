// The stateless, CPU-bound part of an acknowledgement: parse and validate the request body, build the canonical
// receipt, sign it (detached CAdES-B, B-T with a TSA). It needs no store and no HTTP, so it runs in the signing
// threads (signing-pool.ts) while the main thread parses HTTP and commits to the store.
import { acknowledgeRequestSchema } from '../../../shared/helper-api/receipts.ts';
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import type { Identity } from '../identity/identity.ts';
import { signCmsWithTimestamp } from '../cms/signer.ts';
import { HelperHttpError, parseValue } from '../http/errors.ts';
import { canonicalBytes } from './canonical-json.ts';
import { buildReceipt } from './receipt.ts';

export interface SignedReceipt {
  receiptId: string;
  /** The acknowledged message, for the index of receipts by message. */
  messageId: string;
  /** The receipt's canonical JSON: Merkle leaf, CMS content, and the `receipt` member of the answer as it is. */
  leaf: Buffer;
  /** Detached CMS SignedData over the leaf, DER. */
  cms: Buffer;
  /** ISO time the TSA asserted, when the signature was time-stamped. */
  timestampedAt?: string;
}

/** Throws HelperHttpError 400 naming the field for a body that is not a valid acknowledgement request. */
export async function signAcknowledgement(
  body: string,
  identity: Identity,
  signer: IdentitySummary,
  tsaUrl: string | undefined,
): Promise<SignedReceipt> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new HelperHttpError(400, 'bad_request', 'the body is not valid JSON');
  }
  const request = parseValue(acknowledgeRequestSchema, raw, 'body');
  const receipt = buildReceipt(request, signer);
  const leaf = canonicalBytes(receipt);
  const { cms, timestamp } = await signCmsWithTimestamp({ content: leaf, detached: true }, identity, { ...(tsaUrl ? { tsaUrl } : {}), timestamp: 'best-effort' });
  return {
    receiptId: receipt.receiptId,
    messageId: receipt.message.messageId,
    leaf,
    cms,
    ...(timestamp ? { timestampedAt: timestamp.genTime.toISOString() } : {}),
  };
}
