// A qualified registered message's evidences, fetched from the QERDS provider its notification links to and handed
// to the helper, which verifies each (ETSI EN 319 102-1) and keeps it in the proof store with the message. Runs when
// the archive finishes such a message, and on demand from the panel. Steps the helper already keeps are not fetched
// again; what could not be fetched or kept is remembered per message so the panel can say why.
import { HelperClientError, toBase64, type HelperClient } from '../helper-client/helper-client.ts';
import type { ArchiveDb } from '../archive/db.ts';
import { qerdsConsignmentOf, qerdsEvidenceUrl } from '../../../shared/ebox/qerds.ts';
import { archivedDocuments, storeDocuments } from './acknowledge.ts';
import { missingSteps } from '../../../shared/ebox/qerds.ts';
import type { EvidenceProblem } from './proof-status.ts';
import { addressRefusal, evidenceUrlRefusal } from './evidence-origin.ts';

export interface EvidenceProblemLog {
  load(messageId: string): Promise<{ at: string; problems: EvidenceProblem[] } | undefined>;
  save(messageId: string, problems: EvidenceProblem[]): Promise<void>;
}

export interface EvidenceFetchDeps {
  db: ArchiveDb;
  /** The provider's site: the service worker's fetch (host permission) or a test's. */
  fetch: typeof fetch;
  problems: EvidenceProblemLog;
  /** The paired helper; undefined before pairing (nothing is fetched then: there is nowhere to keep it). */
  helper: () => Promise<HelperClient | undefined>;
  /** The sandbox build: its provider is on http://127.0.0.1 (see evidence-origin.ts). */
  sandboxProvider?: boolean;
  /** Whether the user allowed reading from a provider's origin (an optional host permission); absent: allowed. */
  permitted?: (origin: string) => Promise<boolean>;
  /**
   * The addresses a host name resolves to, where the browser offers a resolver (Firefox's dns API): a provider
   * name that resolves into this computer or the local network is not contacted.
   */
  resolveHost?: (hostname: string) => Promise<string[]>;
}

/** Real evidences are a few kilobytes; the helper refuses XML above 4 MiB anyway. */
const MAX_EVIDENCE_BYTES = 4 * 1024 * 1024;

class RefusedUrlError extends Error {}
class NotPermittedError extends Error {
  readonly origin: string;
  constructor(origin: string) {
    super(origin);
    this.origin = origin;
  }
}

export interface EvidenceFetcher {
  /** Fetches and keeps the evidences the helper lacks; answers what went wrong (nothing: an empty list). */
  fetch(messageId: string): Promise<EvidenceProblem[]>;
  /** The fetch running for this message, if any, to wait for it rather than start another. */
  pending(messageId: string): Promise<EvidenceProblem[]> | undefined;
}

/**
 * The evidence at a sender-given URL, only from an https provider (never this computer or the local network), not
 * following redirects (which could lead there), and only if it is small XML: the helper then verifies it and keeps
 * nothing that is not an EN 319 522 evidence.
 */
async function download(deps: EvidenceFetchDeps, url: string): Promise<Uint8Array> {
  const refusal = evidenceUrlRefusal(url, deps.sandboxProvider);
  if (refusal) throw new RefusedUrlError(`${url} was not contacted: ${refusal}`);
  const origin = new URL(url).origin;
  if (deps.permitted && !(await deps.permitted(origin))) throw new NotPermittedError(origin);
  const host = new URL(url).hostname;
  if (deps.resolveHost && !deps.sandboxProvider && !host.startsWith('[') && !/^[\d.]+$/.test(host)) {
    const addresses = await deps.resolveHost(host).catch(() => []);
    const resolvedRefusal = addresses.map(addressRefusal).find((r) => r !== null);
    if (resolvedRefusal) throw new RefusedUrlError(`${url} was not contacted: ${host} resolves to ${resolvedRefusal}`);
  }
  const res = await deps.fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'error', signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`the provider answered HTTP ${res.status} for ${url}`);
  if (Number(res.headers.get('content-length') ?? 0) > MAX_EVIDENCE_BYTES) throw new Error(`the provider's answer for ${url} is too large for an evidence`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new Error(`the provider's answer for ${url} is too large for an evidence`);
  return bytes;
}

export function createEvidenceFetcher(deps: EvidenceFetchDeps): EvidenceFetcher {
  const running = new Map<string, Promise<EvidenceProblem[]>>();

  const fetchAll = async (messageId: string): Promise<EvidenceProblem[]> => {
    const record = await deps.db.messages.get(messageId);
    const consignment = record && qerdsConsignmentOf(record.message);
    const client = consignment && (await deps.helper());
    if (!consignment || !client) return [];
    const missing = missingSteps(await client.evidenceForMessage(messageId));
    if (!missing.length) {
      await deps.problems.save(messageId, []);
      return [];
    }
    // Evidences are checked against the documents' bytes, which the helper must hold first.
    const documents = await archivedDocuments(deps.db, record).catch(() => []);
    await storeDocuments(client, documents);
    const contents = documents.map((d) => ({ name: d.fileName, sha256: d.sha256 }));
    const problems: EvidenceProblem[] = [];
    for (const event of missing) {
      let bytes: Uint8Array;
      try {
        bytes = await download(deps, qerdsEvidenceUrl(consignment, event));
      } catch (e) {
        if (e instanceof NotPermittedError) problems.push({ event, reason: 'not-permitted', detail: e.origin, origin: e.origin });
        else problems.push({ event, reason: e instanceof RefusedUrlError ? 'refused' : 'unreachable', detail: e instanceof Error ? e.message : String(e) });
        continue;
      }
      try {
        await client.archiveEvidence({
          messageId,
          evidence: toBase64(bytes),
          contents,
          ...(consignment.consignmentId ? { expected: { messageIdentifier: consignment.consignmentId } } : {}),
        });
      } catch (e) {
        if (!(e instanceof HelperClientError) || e.failure !== 'refused') throw e;
        problems.push({ event, reason: e.field === 'trustedList' ? 'no-trusted-list' : 'refused', detail: e.message });
      }
    }
    await deps.problems.save(messageId, problems);
    return problems;
  };

  return {
    fetch(messageId) {
      const pending = running.get(messageId);
      if (pending) return pending;
      const started = fetchAll(messageId).finally(() => running.delete(messageId));
      running.set(messageId, started);
      return started;
    },
    pending: (messageId) => running.get(messageId),
  };
}
