// Builds the acknowledgement of receipt (RECEIPT_TYPE version 2, documented in docs/proof-store.md) from what the
// extension reports. The helper adds only what it knows itself: when it acknowledged (and, when that is more than a
// minute after the opening, the delay and its stated reason), its version, the signer, and the comparison of each
// document's SHA-256 with the digest the e-Box published.
import { randomUUID } from 'node:crypto';
import { LATE_ACKNOWLEDGEMENT_MS, RECEIPT_TYPE, RECEIPT_VERSION, type AcknowledgeRequest, type Receipt } from '../../../shared/helper-api/receipts.ts';
import { digestCheckOf } from '../../../shared/digest.ts';
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import { HELPER_NAME, HELPER_VERSION } from '../version.ts';

// The request has passed acknowledgeRequestSchema, whose members receiptSchema takes as they are; the rest is made
// here (a UUID, an ISO time, literals), so the result matches receiptSchema by construction (receipt.test.ts
// checks it) without parsing it again on every acknowledgement.
export function buildReceipt(request: AcknowledgeRequest, signer: IdentitySummary, now = new Date(), receiptId = randomUUID()): Receipt {
  const delayMs = now.getTime() - Date.parse(request.openedAt);
  return {
    type: RECEIPT_TYPE,
    version: RECEIPT_VERSION,
    receiptId,
    message: request.message,
    documents: request.documents.map((d) => ({
      ...d,
      digestCheck: digestCheckOf(d.sha256, d.eboxDigest),
    })),
    openedAt: request.openedAt,
    openedBy: request.openedBy,
    ...(request.openedVia ? { openedVia: request.openedVia } : {}),
    // The company is the request's, else the recipient the message names; never guessed from elsewhere.
    enterprise: request.enterprise ?? (request.message.recipientEnterpriseId ? { cbe: request.message.recipientEnterpriseId } : null),
    acknowledgedAt: now.toISOString(),
    ...(Math.abs(delayMs) > LATE_ACKNOWLEDGEMENT_MS ? { late: { seconds: Math.round(Math.abs(delayMs) / 1000), reason: request.lateReason ?? 'not-stated' } } : {}),
    language: request.language,
    helper: { name: HELPER_NAME, version: HELPER_VERSION },
    signer: { subject: signer.subject, certificateSha256: signer.certificateSha256, development: signer.development },
  };
}
