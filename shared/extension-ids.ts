// Who e-Box Keeper's extension is, in each browser: what the native-messaging host manifests name (only these may
// start the host) and what the builds declare.

/**
 * Chrome, Chromium and Edge derive an extension's ID from its manifest `key` (the public key, DER, base64): this one
 * gives every build, packed or unpacked, the same ID. Only the public key is here; no private key is needed to
 * load the .zip, and a store assigns its own signature on upload.
 */
export const CHROME_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxHzJKo0wz7K3J0+Ha3QxRotSScCjh/wRGYbDm1gnzk/IvQ5TXKeTHIBjBVpY6/tA/LE9hUusfyrj+DEonif20StvvK7GTcCp8tP4NOOngrkRtoXFUD4Cp+mViaXePa3e0RY4ut6GJFiUbMcCuTQ0MJSMIkIzBYnW9VsSiouOjvTV2ODgP0dHh15B5UYfo1TyA5eLPv5TFQPWzH7vHTMpUMcgO1ndbGEAbxuq5RvjHQ/P92DI8Bj0CTPrbfS0aHys3Rhgmnc9KxjN/uwKsH/uATpzTsGiOBn018wdJCgcGbBXxZs/X4Ftnqufomz9mffbsCOKKC0PLRi2nzNgpdKI3QIDAQAB';

/** The first 128 bits of SHA-256(key) in hex, written with a-p (extension-ids.test.ts derives it from the key). */
export const CHROME_EXTENSION_ID = 'boaogepljmpiagdnnbaofgmkjdjjacgh';

/** Firefox's add-on id (browser_specific_settings.gecko.id); its Origin's host is a per-install UUID instead. */
export const FIREFOX_EXTENSION_ID = 'ebox-keeper@ebox-keeper.be';

/** The native-messaging host's name (lowercase letters, digits, dots and underscores). */
export const NATIVE_HOST_NAME = 'be.ebox_keeper.helper';
