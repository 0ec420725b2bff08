// The contract's error body, {id (uuid), code, message, ...}, for 400, 401 and 404.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { StatusMessage } from '../../../shared/ebox/wire.ts';

export type ErrorStatus = 400 | 401 | 403 | 404;

export function statusMessage(code: string, message: string): StatusMessage {
  return { id: randomUUID(), code, message, contact: 'e-Box sandbox helpdesk', environment: 'simulation' };
}

export function fail(c: Context, status: ErrorStatus, code: string, message: string): Response {
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="e-Box Message Registry"');
  return c.json(statusMessage(code, message), status);
}

/** Thrown by request parsing; turned into a 400 by the registry's error handler. */
export class BadRequest extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BadRequest';
    this.code = code;
  }
}
