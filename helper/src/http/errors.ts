// One error type for every refusal, mapped to the shared error shape ({error: {code, message, field?}}).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { HelperErrorCode } from '../../../shared/helper-api/protocol.ts';
import { StorageFullError } from '../store/record-log.ts';

export class HelperHttpError extends Error {
  override name = 'HelperHttpError';
  readonly status: ContentfulStatusCode;
  readonly code: HelperErrorCode;
  readonly field?: string;

  constructor(status: ContentfulStatusCode, code: HelperErrorCode, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function errorResponse(c: Context, err: HelperHttpError): Response {
  return c.json({ error: { code: err.code, message: err.message, ...(err.field !== undefined ? { field: err.field } : {}) } }, err.status);
}

/** app.onError: known refusals keep their status; a full disk is 507; anything else is a 500 without internals. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof HelperHttpError) return errorResponse(c, err);
  if (err instanceof StorageFullError) return errorResponse(c, new HelperHttpError(507, 'storage_full', err.message));
  console.error(`helper: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${err.stack ?? err.message}`);
  return errorResponse(c, new HelperHttpError(500, 'internal', 'the helper could not complete the request; see its log'));
}

/** Parses the JSON body with a schema; 400 names the first invalid field by its dotted path. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (err) {
    // A body cut off for its size is 413, not a JSON problem.
    if (err instanceof HelperHttpError) throw err;
    throw new HelperHttpError(400, 'bad_request', 'the body is not valid JSON');
  }
  return parseValue(schema, raw, 'body');
}

export function parseValue<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new HelperHttpError(400, 'bad_request', `invalid ${what}${field ? ` field "${field}"` : ''}: ${issue.message}`, field || undefined);
}
