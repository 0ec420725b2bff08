// Documents by SHA-256: POST / (base64 JSON, older extensions), POST /have (which of these the helper lacks), POST
// /:sha256 (the raw bytes as application/octet-stream: no base64, streamed to disk), GET /:sha256 (the bytes, e.g. a document the sync kept).
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { storeDocumentRequestSchema, type StoreDocumentResponse } from '../../../shared/helper-api/receipts.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseJsonBody } from '../http/errors.ts';
import { documentsHaveRequestSchema, type DocumentsHaveResponse } from '../../../shared/helper-api/sync.ts';
import { DigestMismatchError } from '../store/blob-store.ts';
import { sha256Schema, sha256ToHex } from '../../../shared/digest.ts';

/** Base64 of the largest e-Box document we accept (48 MiB), plus JSON framing. */
export const DOCUMENT_BODY_LIMIT = 66 * 1024 * 1024;

/** The one route that takes raw bytes (application/octet-stream): POST /v1/documents/<sha256 base64url>. */
export const RAW_DOCUMENT_PATH = /^\/v1\/documents\/[A-Za-z0-9_-]{43}$/;

export function documentRoutes(ctx: HelperContext) {
  const app = new Hono();
  app.post('/', async (c) => {
    const body = await parseJsonBody(c, storeDocumentRequestSchema);
    const bytes = Buffer.from(body.contentBase64, 'base64');
    if (createHash('sha256').update(bytes).digest('base64url') !== body.sha256) {
      throw new HelperHttpError(400, 'bad_request', 'the content does not hash to the given sha256', 'contentBase64');
    }
    const { alreadyStored } = await ctx.store.blobs.put(bytes);
    return c.json({ sha256: body.sha256, sizeBytes: bytes.length, alreadyStored } satisfies StoreDocumentResponse, alreadyStored ? 200 : 201);
  });
  app.post('/have', async (c) => {
    const body = await parseJsonBody(c, documentsHaveRequestSchema);
    const missing = body.sha256.filter((d) => !ctx.store.blobs.has(sha256ToHex(d)));
    return c.json({ missing } satisfies DocumentsHaveResponse);
  });

  // Streamed to disk while hashed (16 parallel 60 MB uploads must not be held in memory), kept only if it matches.
  app.post('/:sha256', async (c) => {
    const digest = digestParam(c.req.param('sha256'));
    try {
      const { sizeBytes, alreadyStored } = await ctx.store.blobs.putStream(chunksOf(c.req.raw.body), sha256ToHex(digest));
      return c.json({ sha256: digest, sizeBytes, alreadyStored } satisfies StoreDocumentResponse, alreadyStored ? 200 : 201);
    } catch (err) {
      if (err instanceof DigestMismatchError) throw new HelperHttpError(400, 'bad_request', 'the body does not hash to the SHA-256 in the path');
      throw err;
    }
  });

  app.get('/:sha256', async (c) => {
    const hex = sha256ToHex(digestParam(c.req.param('sha256')));
    if (!ctx.store.blobs.has(hex)) throw new HelperHttpError(404, 'not_found', `no stored document ${c.req.param('sha256')}`);
    return c.body(new Uint8Array(await ctx.store.blobs.get(hex)), 200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
  });
  return app;
}

async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
    done = true;
  } finally {
    // Stopped early (the disk, the size limit): the rest of the body is not ours to read.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

function digestParam(raw: string): string {
  const parsed = sha256Schema.safeParse(raw);
  if (!parsed.success) throw new HelperHttpError(400, 'bad_request', 'the path must end with a SHA-256 in base64url', 'sha256');
  return parsed.data;
}
