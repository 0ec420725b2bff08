// The QERDS provider's page for one consignment: where a qualified-registered notification's action link leads.
import { xmlEscape } from '../data/annexes.ts';
import { formatBrussels } from '../data/brussels-time.ts';
import { organization } from '../data/catalogue.ts';
import type { SandboxMessage } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';

export function findConsignment(state: SandboxState, consignmentId: string): { message: SandboxMessage; recipient: string } | undefined {
  for (const mailbox of state.mailboxes.values()) {
    for (const message of mailbox.messages) {
      if (message.businessData.some((b) => b.key === 'qerdsConsignmentId' && b.values[0]?.fr === consignmentId)) {
        return { message, recipient: mailbox.company.name };
      }
    }
  }
  return undefined;
}

export function qerdsConsignmentPage(state: SandboxState, consignmentId: string): string | undefined {
  const found = findConsignment(state, consignmentId);
  if (!found) return undefined;
  const { message, recipient } = found;
  const sender = organization(message.senderOrganizationId);
  const e = xmlEscape;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>e-Delivery Belgium – ${e(consignmentId)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f3f5f8;color:#1c2733}header{background:#0b5d4b;color:#fff;padding:14px 32px;font-weight:600}
main{max-width:760px;margin:32px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 3px #0002}dt{color:#5b6b7b;font-size:13px}dd{margin:0 0 12px}</style></head>
<body><header>e-Delivery Belgium · Service d'envoi recommandé électronique qualifié (eIDAS)</header>
<main data-consignment-id="${e(consignmentId)}"><h1>Envoi recommandé ${e(consignmentId)}</h1>
<dl><dt>Expéditeur</dt><dd>${e(sender.longName.fr)} (${sender.organizationId})</dd>
<dt>Destinataire</dt><dd>${e(recipient)}</dd>
<dt>Objet</dt><dd>${e(message.subject.fr ?? '')}</dd>
<dt>Notifié le</dt><dd><time datetime="${formatBrussels(message.receiptDate)}">${formatBrussels(message.receiptDate)}</time></dd>
<dt>À accepter avant le</dt><dd><time datetime="${formatBrussels(message.expirationDate)}">${formatBrussels(message.expirationDate)}</time></dd></dl>
</main></body></html>`;
}
