// The typed client of the local helper, for the service worker only (a page or content script would be blocked by
// Local Network Access; the service worker's fetch to 127.0.0.1 has no CORS check). The browser adds the
// extension's Origin to POSTs itself; the client adds the pairing secret and the API version, and parses every
// answer with the shared schemas. No DOM.
import { z } from 'zod';
import {
  CLIENT_API_HEADER,
  HELPER_API_BASE,
  HELPER_API_VERSION,
  HELPER_VERSION_HEADER,
  SECRET_HEADER,
  checkpointSchema,
  consistencyProofSchema,
  helperErrorSchema,
  identitySummarySchema,
  pairResponseSchema,
  receiptListSchema,
  receiptRecordSchema,
  statusResponseSchema,
  storeDocumentResponseSchema,
  inclusionProofSchema,
  unpairResponseSchema,
  type AcknowledgeRequest,
  type Checkpoint,
  type ConsistencyProof,
  type HelperErrorCode,
  type IdentitySummary,
  type InclusionProof,
  type PairResponse,
  type ReceiptRecord,
  type StatusResponse,
  type StoreDocumentResponse,
  documentsHaveResponseSchema,
  keptMessageListSchema,
  syncStatusSchema,
  type KeptMessageList,
  type SyncStatus,
} from '../../../shared/helper-api/index.ts';
import {
  archivedEvidenceListSchema,
  archivedEvidenceSchema,
  type ArchiveEvidenceRequest,
  type ArchivedEvidence,
} from '../../../shared/evidence/index.ts';
import { bundleJobSchema, type BundleJob, type CreateBundleRequest } from '../../../shared/bundle/bundle-api.ts';

/**
 * Why a call failed, as the UI needs to say it: the helper is not running, something else answers on the port,
 * the pairing is gone (pair again), the versions differ (update one), or the helper refused the request.
 */
export type HelperFailure = 'not-running' | 'not-helper' | 'unpaired' | 'incompatible' | 'refused' | 'timeout';

export class HelperClientError extends Error {
  override name = 'HelperClientError';
  readonly failure: HelperFailure;
  readonly status?: number;
  readonly code?: HelperErrorCode;
  readonly field?: string;

  constructor(failure: HelperFailure, message: string, details: { status?: number; code?: HelperErrorCode; field?: string } = {}) {
    super(message);
    this.failure = failure;
    this.status = details.status;
    this.code = details.code;
    this.field = details.field;
  }
}

export interface HelperClientOptions {
  port: number;
  /** `X-Ebox-Keeper-Secret` from the pairing; absent before pairing. */
  secret?: string;
  /** For tests: a fetch that adds what the browser would (Origin on POST). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type ReceiptFileKind = 'json' | 'p7s' | 'pdf';

export class HelperClient {
  private readonly base: string;
  private readonly secret?: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: HelperClientOptions) {
    this.base = `http://127.0.0.1:${options.port}${HELPER_API_BASE}`;
    this.secret = options.secret;
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Pairs with the one-time code the helper shows; keep the answer (its `secret`) in storage.local. */
  pair(code: string, extensionId: string, label?: string): Promise<PairResponse> {
    return this.json('POST', '/pairing', pairResponseSchema, { code, extensionId, ...(label ? { label } : {}) });
  }

  unpair(): Promise<void> {
    return this.json('POST', '/pairing/unpair', unpairResponseSchema, {}).then(() => undefined);
  }

  status(): Promise<StatusResponse> {
    return this.json('GET', '/status', statusResponseSchema);
  }

  acknowledge(request: AcknowledgeRequest): Promise<ReceiptRecord> {
    return this.json('POST', '/receipts', receiptRecordSchema, request);
  }

  receipt(receiptId: string): Promise<ReceiptRecord> {
    return this.json('GET', `/receipts/${encodeURIComponent(receiptId)}`, receiptRecordSchema);
  }

  receiptsForMessage(messageId: string): Promise<ReceiptRecord[]> {
    return this.json('GET', `/receipts?messageId=${encodeURIComponent(messageId)}`, receiptListSchema).then((l) => l.items);
  }

  /** A receipt's file as a Blob (for chrome.downloads through an object URL or a data URL). */
  async receiptFile(receiptId: string, kind: ReceiptFileKind): Promise<Blob> {
    const res = await this.request('GET', `/receipts/${encodeURIComponent(receiptId)}/receipt.${kind}`);
    return res.blob();
  }

  /** Keeps a document's bytes in the helper's store, under their SHA-256 (base64url, as the e-Box gives it). */
  /** Which of these documents (SHA-256, base64url) the helper does not hold yet. */
  async missingDocuments(sha256: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (let i = 0; i < sha256.length; i += 1000) {
      missing.push(...(await this.json('POST', '/documents/have', documentsHaveResponseSchema, { sha256: sha256.slice(i, i + 1000) })).missing);
    }
    return missing;
  }

  /** A document's bytes, sent raw (the helper checks they hash to `sha256`). */
  uploadDocument(sha256: string, bytes: Blob): Promise<StoreDocumentResponse> {
    return this.json('POST', `/documents/${encodeURIComponent(sha256)}`, storeDocumentResponseSchema, bytes);
  }

  /** A document the helper holds (e.g. one its sync kept), by SHA-256. */
  async documentBytes(sha256: string): Promise<Blob> {
    return (await this.request('GET', `/documents/${encodeURIComponent(sha256)}`)).blob();
  }

  syncStatus(): Promise<SyncStatus> {
    return this.json('GET', '/sync', syncStatusSchema);
  }

  syncNow(): Promise<boolean> {
    return this.json('POST', '/sync', z.object({ started: z.boolean() }), {}).then((r) => r.started);
  }

  /** Messages the helper's sync keeps, newest first, for one company or all; `expiringWithinDays` keeps those the
   *  e-Box deletes within that many days. */
  keptMessages(enterprise?: string, limit = 1000, offset = 0, expiringWithinDays?: number): Promise<KeptMessageList['items']> {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset), ...(enterprise ? { enterprise } : {}), ...(expiringWithinDays !== undefined ? { expiringWithinDays: String(expiringWithinDays) } : {}) });
    return this.json('GET', `/sync/messages?${q}`, keptMessageListSchema).then((l) => l.items);
  }

  storeDocument(sha256: string, bytes: Uint8Array): Promise<StoreDocumentResponse> {
    return this.json('POST', '/documents', storeDocumentResponseSchema, { sha256, contentBase64: toBase64(bytes) });
  }

  importIdentity(pkcs12: Uint8Array, password: string): Promise<IdentitySummary> {
    return this.json('POST', '/identity/import', identitySummarySchema, { pkcs12: toBase64(pkcs12), password });
  }

  checkpoint(): Promise<Checkpoint> {
    return this.json('GET', '/store/checkpoint', checkpointSchema);
  }

  /** RFC 9162 proof that the log of `to` entries extends the one of `from` entries. */
  consistency(from: number, to: number): Promise<ConsistencyProof> {
    return this.json('GET', `/store/consistency?from=${from}&to=${to}`, consistencyProofSchema);
  }

  /** The proof that a receipt's leaf is in the tree of `treeSize` entries (a checkpoint's size). */
  receiptInclusion(receiptId: string, treeSize: number): Promise<InclusionProof> {
    return this.json('GET', `/receipts/${encodeURIComponent(receiptId)}/inclusion?treeSize=${treeSize}`, inclusionProofSchema);
  }

  /** Verifies a QERDS evidence and keeps it, its report and the content hashes in the proof store. */
  archiveEvidence(request: ArchiveEvidenceRequest): Promise<ArchivedEvidence> {
    return this.json('POST', '/evidence', archivedEvidenceSchema, request);
  }

  evidenceForMessage(messageId: string): Promise<ArchivedEvidence[]> {
    return this.json('GET', `/evidence?messageId=${encodeURIComponent(messageId)}`, archivedEvidenceListSchema).then((l) => l.items);
  }

  private async json<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const res = await this.request(method, path, body);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new HelperClientError('incompatible', `the helper's answer to ${path} has an unexpected shape`);
    return parsed.data;
  }

  /** What the browser needs to GET a helper file itself (browser.downloads): its URL and our headers. */
  downloadRequest(path: string): { url: string; headers: { name: string; value: string }[] } {
    return { url: this.base + path, headers: Object.entries(this.authHeaders()).map(([name, value]) => ({ name, value })) };
  }

  private authHeaders(): Record<string, string> {
    return { [CLIENT_API_HEADER]: String(HELPER_API_VERSION), ...(this.secret ? { [SECRET_HEADER]: this.secret } : {}) };
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const headers = this.authHeaders();
    // Raw bytes (a Blob) go as they are: no base64, no copy.
    const raw = body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
    let res: Response;
    try {
      res = await this.doFetch(this.base + path, {
        method,
        headers,
        ...(body !== undefined ? { body: raw ? body : JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
        // Never send or keep cookies; never follow a redirect away from the helper.
        credentials: 'omit',
        redirect: 'error',
        cache: 'no-store',
      });
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new HelperClientError('timeout', `the helper did not answer within ${this.timeoutMs / 1000} s`);
      throw new HelperClientError('not-running', 'the e-Box Keeper helper is not running on this computer (start it with `ebox-keeper start`)');
    }
    if (!res.headers.get(HELPER_VERSION_HEADER)) {
      throw new HelperClientError('not-helper', `something else than the e-Box Keeper helper answers on port ${new URL(this.base).port}`, { status: res.status });
    }
    if (res.ok) return res;
    const parsed = helperErrorSchema.safeParse(await res.json().catch(() => null));
    const error = parsed.success ? parsed.data.error : { code: 'internal' as const, message: `HTTP ${res.status}` };
    const failure: HelperFailure = res.status === 401 && error.code === 'unauthorized' ? 'unpaired' : res.status === 412 ? 'incompatible' : 'refused';
    throw new HelperClientError(failure, error.message, { status: res.status, code: error.code, ...(error.field ? { field: error.field } : {}) });
  }

  /** Starts an evidence bundle export (shared/bundle/bundle-api.ts); follow it with `bundle`. */
  createBundle(request: CreateBundleRequest): Promise<BundleJob> {
    return this.json('POST', '/bundles', bundleJobSchema, request);
  }

  bundle(bundleId: string): Promise<BundleJob> {
    return this.json('GET', `/bundles/${encodeURIComponent(bundleId)}`, bundleJobSchema);
  }

  /** The finished .asice as a Blob. Large bundles take long: give this client a timeout that fits their size. */
  async bundleFile(bundleId: string): Promise<Blob> {
    const res = await this.request('GET', `/bundles/${encodeURIComponent(bundleId)}/file`);
    return res.blob();
  }

  /** Cancels a running export (the helper leaves no partial file) or deletes a finished one. */
  discardBundle(bundleId: string): Promise<void> {
    return this.json('POST', `/bundles/${encodeURIComponent(bundleId)}/discard`, bundleDiscardedSchema, {}).then(() => undefined);
  }
}

const bundleDiscardedSchema = z.object({ discarded: z.literal(true), bundleId: z.string() });

/** Base64 without Buffer (service workers have none), in chunks so large documents do not overflow the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
