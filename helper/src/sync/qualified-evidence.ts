// A qualified registered message the sync retrieved: its evidences are fetched from the QERDS provider its
// notification links to and verified and kept as the extension has the helper do (the same URLs, the same
// verification, the same archive); steps already kept are not fetched again.
import { sha256ToHex } from '../../../shared/digest.ts';
import { missingSteps, qerdsConsignmentOf, qerdsEvidenceUrl } from '../../../shared/ebox/qerds.ts';
import type { HelperContext } from '../context.ts';
import { evidenceArchiveOf } from '../evidence/evidence-archive.ts';
import { loadTrustedList, trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { verifyEvidence } from '../evidence/verify-evidence.ts';
import type { EvidenceKeeper } from './provider-sync.ts';

export function evidenceKeeper(ctx: HelperContext, fetchImpl: typeof fetch = fetch): EvidenceKeeper {
  return {
    async keep(message, documents) {
      const consignment = qerdsConsignmentOf(message);
      if (!consignment) return 'the notification links to no QERDS provider';
      const archive = evidenceArchiveOf(ctx.store);
      const missing = missingSteps(await archive.listForMessage(message.messageId));
      if (!missing.length) return 'complete';
      const trustedList = loadTrustedList(trustedListPath(ctx.dataDir), trustedListSignerPath(ctx.dataDir));
      if (!trustedList) return `no trusted list at ${trustedListPath(ctx.dataDir)}: the evidences cannot be verified`;
      const contents = await Promise.all(
        documents.filter((d) => d.sha256).map(async (d) => ({ name: d.fileName, bytes: await ctx.store.blobs.get(sha256ToHex(d.sha256!)) })),
      );
      const problems: string[] = [];
      for (const event of missing) {
        const url = qerdsEvidenceUrl(consignment, event);
        let evidence: Buffer;
        try {
          const res = await fetchImpl(url, { signal: AbortSignal.timeout(30_000) });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          evidence = Buffer.from(await res.arrayBuffer());
        } catch (err) {
          problems.push(`${event}: ${url} could not be fetched (${(err as Error).message})`);
          continue;
        }
        const report = verifyEvidence({ evidence, trustedList, contents, validationTime: new Date(), ...(consignment.consignmentId ? { expected: { messageIdentifier: consignment.consignmentId } } : {}) });
        await archive.archive(message.messageId, evidence, contents, report);
      }
      return problems.length ? problems.join('; ') : 'complete';
    },
  };
}
