// POST /documents: a document's bytes, stored under their SHA-256 once the hash is checked.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { storeDocumentRequestSchema, type StoreDocumentResponse } from '../../../shared/helper-api/receipts.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseJsonBody } from '../http/errors.ts';

/** Base64 of the largest e-Box document we accept (48 MiB), plus JSON framing. */
export const DOCUMENT_BODY_LIMIT = 66 * 1024 * 1024;

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
  return app;
}
