// The wire protocol between the extension's service worker and the local helper: headers, versions and the error
// shape. Like Zotero's X-Zotero-Version, every helper response carries HELPER_VERSION_HEADER, so a client that gets
// an answer without it knows it reached some other server on that port, not the helper.
import { z } from 'zod';

export { HELPER_API_VERSION, HELPER_API_BASE, DEFAULT_HELPER_PORT, HELPER_VERSION_HEADER, CLIENT_API_HEADER, SECRET_HEADER } from './wire-constants.ts';

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden_origin',
  'forbidden_host',
  'not_found',
  'method_not_allowed',
  'incompatible_version',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'bad_pairing_code',
  'bad_identity',
  'storage_full',
  'internal',
] as const;
export type HelperErrorCode = (typeof ERROR_CODES)[number];

export const helperErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** For 400: the dotted path of the first invalid field, e.g. `documents.0.sha256`. */
    field: z.string().optional(),
  }),
});
export type HelperError = z.infer<typeof helperErrorSchema>;

/** SHA-256 as lowercase hex, the store's own spelling (file names, leaf hashes). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
