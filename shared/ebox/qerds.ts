// Where a qualified registered message's evidences are: the e-Box notification links to its QERDS provider's
// consignment (business data `qerdsActionLink`, with `qerdsConsignmentId`), and the provider serves one signed
// ETSI EN 319 522 evidence per event under that consignment URL. The provider's URL shapes live here only, shared by
// the extension and the helper's sync.
// Permissions: the sandbox provider is on 127.0.0.1, which both builds reach already (the helper's host permission).
// The store build asks for no provider's site (its host permissions stay the e-Box and the helper): a real
// provider's evidences are fetched when its site allows it (CORS); otherwise the panel shows that step as not
// fetched, with the browser's reason.
import type { ArchivedEvidence } from '../evidence/index.ts';
import { translate, type EboxMessage, type RegisteredKind } from './model.ts';

/** The message type of the e-Box notification that announces a qualified registered delivery. */
export const QERDS_NOTIFICATION_TYPE = 'QERDS_NOTIFICATION';
export const QERDS_EVENTS = ['submission', 'consignment', 'handover'] as const;
export type QerdsEvent = (typeof QERDS_EVENTS)[number];

export interface QerdsConsignment {
  /** The provider's page of the consignment, as the notification links to it. */
  url: string;
  /** The provider's identifier of the message: the evidences' MessageIdentifier. */
  consignmentId?: string;
}

function businessValue(message: EboxMessage, key: string): string | undefined {
  const values = message.businessData.find((b) => b.key === key)?.values[0];
  return translate(values, 'fr').trim() || undefined;
}

/** The consignment a QERDS notification links to; undefined for any other message or a link that is not http(s). */
export function qerdsConsignmentOf(message: EboxMessage): QerdsConsignment | undefined {
  const link = businessValue(message, 'qerdsActionLink');
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const consignmentId = businessValue(message, 'qerdsConsignmentId');
  return { url: url.href.replace(/\/+$/, ''), ...(consignmentId ? { consignmentId } : {}) };
}

/** The evidence of one event: `{consignment}/evidence/{event}.xml`. */
export function qerdsEvidenceUrl(consignment: QerdsConsignment, event: QerdsEvent): string {
  return `${consignment.url}/evidence/${event}.xml`;
}

/** Simple, registered or qualified: qualified is known from the notification's type or its provider link. */
export function registeredKindOf(message: EboxMessage): RegisteredKind | undefined {
  if (message.messageTypeId === QERDS_NOTIFICATION_TYPE || qerdsConsignmentOf(message)) return 'qualified';
  return message.registeredMail ? 'registered' : undefined;
}

/** The chain step an evidence's event belongs to (providers may qualify it, e.g. "handover-accepted"). */
export function stepOf(event: string | undefined): QerdsEvent | undefined {
  if (!event) return undefined;
  return QERDS_EVENTS.find((step) => event === step || event.startsWith(`${step}-`));
}

/** Steps the helper does not keep yet: what a fetch still has to bring. */
export function missingSteps(evidences: readonly ArchivedEvidence[]): QerdsEvent[] {
  const have = new Set(evidences.map((e) => stepOf(e.report.evidence.event)));
  return QERDS_EVENTS.filter((event) => !have.has(event));
}
