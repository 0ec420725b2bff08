// The QERDS provider's consignments: the qualified-registered messages of every sandbox e-Box, by consignment id,
// with their documents and the evidences the provider signs for them (test/qerds/provider.ts).
import type { Company } from '../data/catalogue.ts';
import { organization } from '../data/catalogue.ts';
import { materialise, type SandboxDocument, type SandboxMessage } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';

export interface Consignment {
  consignmentId: string;
  message: SandboxMessage;
  company: Company;
  contents: SandboxDocument[];
}

export function findConsignment(state: SandboxState, consignmentId: string): Consignment | undefined {
  for (const mailbox of state.mailboxes.values()) {
    for (const message of mailbox.messages) {
      if (message.qerds?.consignmentId === consignmentId) return { consignmentId, message, company: mailbox.company, contents: message.qerds.contents };
    }
  }
  return undefined;
}

/** Submitted to the provider a quarter of an hour before the e-Box notification. */
const SUBMISSION_LEAD_MS = 15 * 60_000;

export async function evidencesFor(c: Consignment) {
  // Loaded on first use: the provider's PKI and XML signing stack are heavy and most runs never need them.
  const { qerdsEvidencesFor } = await import('../../qerds/provider.ts');
  const sender = organization(c.message.senderOrganizationId);
  const documents = await Promise.all(c.contents.map(async (d) => ({ name: d.fileName, mediaType: d.mediaType, bytes: (await materialise(d)).bytes })));
  return qerdsEvidencesFor({
    messageId: c.consignmentId,
    sender: { name: sender.longName.fr, identifier: sender.organizationId },
    recipient: { name: c.company.name, identifier: c.company.enterpriseNumber },
    submittedAt: new Date(c.message.receiptDate.getTime() - SUBMISSION_LEAD_MS),
    documents,
  });
}
