// The two primitives proof-log verification needs, asked for by the algorithms as steps (generators) so ONE
// verifier logic runs synchronously on node:crypto (verify-store walks 100,000 entries) and asynchronously on
// WebCrypto (the extension's service worker), without a second copy of any algorithm.

/** SHA-256 of the concatenated parts. */
export interface Sha256Step {
  op: 'sha256';
  parts: Uint8Array[];
}

/** Ed25519 verification of `signature` over `message` by the raw 32-byte `publicKey`. */
export interface Ed25519Step {
  op: 'ed25519';
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

export type CryptoStep = Sha256Step | Ed25519Step;

/** A computation that asks for hashes and signature checks and finally returns T. */
export type Steps<T> = Generator<CryptoStep, T, Uint8Array & boolean>;

export interface SyncCrypto {
  sha256(parts: Uint8Array[]): Uint8Array;
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export interface AsyncCrypto {
  sha256(parts: Uint8Array[]): Promise<Uint8Array>;
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

export function runSync<T>(steps: Steps<T>, crypto: SyncCrypto): T {
  let next = steps.next();
  while (!next.done) {
    const s = next.value;
    const answer = s.op === 'sha256' ? crypto.sha256(s.parts) : crypto.ed25519Verify(s.publicKey, s.message, s.signature);
    next = steps.next(answer as Uint8Array & boolean);
  }
  return next.value;
}

export async function runAsync<T>(steps: Steps<T>, crypto: AsyncCrypto): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const s = next.value;
    const answer = s.op === 'sha256' ? await crypto.sha256(s.parts) : await crypto.ed25519Verify(s.publicKey, s.message, s.signature);
    next = steps.next(answer as Uint8Array & boolean);
  }
  return next.value;
}

/** Asks for SHA-256 of the parts. */
export function* sha256(...parts: Uint8Array[]): Steps<Uint8Array> {
  return (yield { op: 'sha256', parts }) as Uint8Array;
}

export function* ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Steps<boolean> {
  return (yield { op: 'ed25519', publicKey, message, signature }) as boolean;
}

const concat = (parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
};
const own = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

/** WebCrypto (browsers, service workers, and Node's globalThis.crypto). */
export const webCrypto: AsyncCrypto = {
  async sha256(parts) {
    return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', concat(parts)));
  },
  async ed25519Verify(publicKey, message, signature) {
    const key = await globalThis.crypto.subtle.importKey('raw', own(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
  },
};
