// The sandbox QERDS provider as other sandboxes use it: for a qualified-registered message, its three evidences
// (submission, consignment, handover) as signed XML strings, plus the trusted list that qualifies the provider.
// Evidences are issued once per message id and then served unchanged, as a real provider would.
import { issueEvidence, type EvidenceContentPart, type EvidenceParty, type EvidenceSpec } from './evidence-issuer.ts';
import { crlOf, qerdsPki } from './pki.ts';
import { trustedListXml } from './trusted-list.ts';

export const SANDBOX_QERDS_PARTY: EvidenceParty = { name: 'Sandbox QERDS', identifier: '0999000193' };

export interface QerdsMessage {
  messageId: string;
  sender: EvidenceParty;
  recipient: EvidenceParty;
  /** When the sender submitted the message to the provider. */
  submittedAt: Date;
  documents: readonly EvidenceContentPart[];
  /** When the recipient took the content; defaults to two hours after submission (or now, if sooner). */
  handedOverAt?: Date;
}

export interface QerdsEvidences {
  submission: string;
  consignment: string;
  handover: string;
  /** ETSI TS 119 612 XML. */
  trustedList: string;
}

const issued = new Map<string, Promise<QerdsEvidences>>();

async function issueAll(message: QerdsMessage): Promise<QerdsEvidences> {
  const pki = await qerdsPki();
  const base: Omit<EvidenceSpec, 'event' | 'eventTime'> = {
    messageIdentifier: message.messageId,
    submissionTime: message.submittedAt,
    issuer: SANDBOX_QERDS_PARTY,
    sender: message.sender,
    recipient: message.recipient,
    contents: message.documents,
  };
  // An event never lies in the future of the moment the provider signs for it.
  const at = (ms: number) => new Date(Math.min(message.submittedAt.getTime() + ms, Date.now()));
  // B-LT: timestamped two seconds after the event, with the issuing CA's CRL of a second later (XAdES B-LT), so that
  // the seal's revocation status travels with the evidence.
  const issue = async (spec: EvidenceSpec) => {
    const timestampTime = new Date(spec.eventTime.getTime() + 2_000);
    const crl = await crlOf(pki.issuingCa, new Date(timestampTime.getTime() + 1_000));
    return issueEvidence(spec, {
      signer: pki.evidenceSigner, chain: [pki.issuingCa], level: 'B-T', tsa: pki.tsa, timestampTime,
      revocation: { certificates: [pki.issuingCa], crls: [crl] },
    });
  };
  return {
    submission: await issue({ ...base, event: 'submission', identifier: `${message.messageId}-submission`, eventTime: at(1_000) }),
    consignment: await issue({ ...base, event: 'consignment', identifier: `${message.messageId}-consignment`, eventTime: at(60_000) }),
    handover: await issue({ ...base, event: 'handover', identifier: `${message.messageId}-handover`, eventTime: message.handedOverAt ?? at(2 * 3_600_000) }),
    trustedList: await trustedListXml(pki),
  };
}

/** The message's evidences, issued on first request (signing takes a few milliseconds each). */
export function qerdsEvidencesFor(message: QerdsMessage): Promise<QerdsEvidences> {
  let evidences = issued.get(message.messageId);
  if (evidences === undefined) {
    evidences = issueAll(message);
    issued.set(message.messageId, evidences);
  }
  return evidences;
}

/** The trusted list alone (for the helper's configuration). */
export async function sandboxTrustedList(): Promise<string> {
  return trustedListXml(await qerdsPki());
}

