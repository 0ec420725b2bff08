// The body limits of the routers that load on first use (app.ts): known before their modules are loaded.

/** An evidence, its trusted list and up to a few documents inline, as base64 JSON. */
export const EVIDENCE_BODY_LIMIT = 66 * 1024 * 1024;

/**
 * A create request names up to 20,000 archived messages with their metadata (a few kB each as JSON): 64 MiB holds
 * that with room; a larger body is refused with 413 before it is read.
 */
export const BUNDLE_BODY_LIMIT = 64 * 1024 * 1024;
