// The protocol's constants, apart from its schemas: the helper's command line reads them without loading zod
// (which alone costs more than the 300 ms `ebox-keeper --help` may take). protocol.ts re-exports them.

/** Bumped when a request or response shape changes incompatibly; the helper answers 412 to another version. */
export const HELPER_API_VERSION = 1;
export const HELPER_API_BASE = '/v1';
export const DEFAULT_HELPER_PORT = 47_615;

/** `<helper version>; api=<HELPER_API_VERSION>` on every response, errors included. */
export const HELPER_VERSION_HEADER = 'X-Ebox-Keeper-Version';
/** Sent by the client with its API version; a mismatch gets 412. Optional: absent means "current". */
export const CLIENT_API_HEADER = 'X-Ebox-Keeper-Api';
/** `<pairingId>.<secret>` as given by POST /v1/pairing. Required on every call but pairing itself. */
export const SECRET_HEADER = 'X-Ebox-Keeper-Secret';
