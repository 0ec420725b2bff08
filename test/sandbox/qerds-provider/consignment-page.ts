// The QERDS provider's page for one consignment, where a qualified-registered notification's action link leads:
// who sent what to whom, the registered documents, and the provider's signed evidences (ETSI EN 319 522).
import { xmlEscape } from '../data/annexes.ts';
import { formatBrussels } from '../data/brussels-time.ts';
import { organization, QERDS_PROVIDER_NAME } from '../data/catalogue.ts';
import type { Consignment } from './consignments.ts';

export function consignmentPage(c: Consignment): string {
  const { message, company } = c;
  const consignmentId = c.consignmentId;
  const sender = organization(message.senderOrganizationId);
  const e = xmlEscape;
  const base = `/qerds/${encodeURIComponent(consignmentId)}`;
  const docs = c.contents
    .map((d) => `<li class="qerds-document" data-file-name="${e(d.fileName)}"><a download href="${base}/content/${encodeURIComponent(d.attachmentId)}">${e(d.fileName)}</a></li>`)
    .join('');
  const evidences = (['submission', 'consignment', 'handover'] as const)
    .map((k) => `<li class="qerds-evidence" data-event="${k}"><a download href="${base}/evidence/${k}.xml">${k}.xml</a></li>`)
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${e(QERDS_PROVIDER_NAME)} – ${e(consignmentId)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f3f5f8;color:#1c2733}header{background:#0b5d4b;color:#fff;padding:14px 32px;font-weight:600}
main{max-width:760px;margin:32px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 3px #0002}dt{color:#5b6b7b;font-size:13px}dd{margin:0 0 12px}
h2{font-size:16px;color:#0b5d4b;border-bottom:1px solid #dde3ea;padding-bottom:4px}a{color:#0b5d4b}</style></head>
<body><header>${e(QERDS_PROVIDER_NAME)} · Service d'envoi recommandé électronique qualifié (eIDAS)</header>
<main class="qerds-consignment" data-consignment-id="${e(consignmentId)}"><h1>Envoi recommandé ${e(consignmentId)}</h1>
<dl><dt>Expéditeur</dt><dd>${e(sender.longName.fr)} (${sender.organizationId})</dd>
<dt>Destinataire</dt><dd>${e(company.name)} (${company.enterpriseNumber})</dd>
<dt>Objet</dt><dd>${e(message.subject.fr ?? '')}</dd>
<dt>Notifié le</dt><dd><time datetime="${formatBrussels(message.receiptDate)}">${formatBrussels(message.receiptDate)}</time></dd>
<dt>À accepter avant le</dt><dd><time datetime="${formatBrussels(message.expirationDate)}">${formatBrussels(message.expirationDate)}</time></dd></dl>
<h2>Documents</h2><ul>${docs}</ul>
<h2>Preuves (ETSI EN 319 522)</h2><ul>${evidences}<li class="qerds-trusted-list"><a download href="/qerds/trusted-list.xml">trusted-list.xml</a> (liste de confiance, ETSI TS 119 612)</li></ul>
</main></body></html>`;
}
