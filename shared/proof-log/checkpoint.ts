// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) in a C2SP signed note with Ed25519 signatures:
//   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id (4 bytes) || signature (64 bytes))>\n
// Key id = SHA-256(<key name> || 0x0A || 0x01 || <32-byte public key>)[:4]. The one reader and verifier of
// checkpoints, for the helper (verify-store, bundles) and the extension (the proof panel's log witness).
import { equalBytes, fromBase64, toBase64, toHex, utf8 } from './bytes.ts';
import { ed25519Verify, sha256, type Steps } from './crypto.ts';

export const ED25519_NOTE_KEY_TYPE = 0x01;

export interface NoteVerifier {
  name: string;
  publicKey: Uint8Array;
  keyId: Uint8Array;
}

export interface OpenedCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  /** The signed body: the three lines, each ending in \n. */
  body: string;
}

export function* keyIdSteps(name: string, publicKey: Uint8Array): Steps<Uint8Array> {
  return (yield* sha256(utf8(name), Uint8Array.of(0x0a, ED25519_NOTE_KEY_TYPE), publicKey)).slice(0, 4);
}

/** Reads `<name>+<key id hex>+<base64(0x01 || public key)>` and checks the id matches the name and key. */
export function* parseVerifierKeySteps(text: string): Steps<NoteVerifier> {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text);
  if (!m) throw new Error('not a signed-note verifier key');
  const typed = fromBase64(m[3]!);
  if (typed.length !== 33 || typed[0] !== ED25519_NOTE_KEY_TYPE) throw new Error('not an Ed25519 verifier key');
  const publicKey = typed.slice(1);
  const keyId = yield* keyIdSteps(m[1]!, publicKey);
  if (toHex(keyId) !== m[2]) throw new Error('verifier key id does not match its name and key');
  return { name: m[1]!, publicKey, keyId };
}

/** The checkpoint's body, parsed, without checking any signature (to say what an unverifiable note claims). */
export function parseCheckpointBody(note: string): OpenedCheckpoint & { signatureLines: string[] } {
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('checkpoint is not a signed note (no blank line or final newline)');
  const body = note.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new Error('checkpoint body needs origin, size and root hash lines');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!/^(0|[1-9]\d{0,15})$/.test(sizeText)) throw new Error(`checkpoint tree size "${sizeText}" is not a decimal number`);
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(rootText);
  } catch {
    throw new Error('checkpoint root hash is not base64 SHA-256');
  }
  if (rootHash.length !== 32 || toBase64(rootHash) !== rootText) throw new Error('checkpoint root hash is not base64 SHA-256');
  return { origin, treeSize: Number(sizeText), rootHash, body, signatureLines: note.slice(split + 2, -1).split('\n') };
}

/**
 * Parses a checkpoint note and checks it carries a valid signature by `verifier`; throws naming what is wrong.
 * Signatures by other keys are allowed (cosigners) and ignored, as the signed-note spec says.
 */
export function* openCheckpointSteps(note: string, verifier: NoteVerifier): Steps<OpenedCheckpoint> {
  const { signatureLines, ...opened } = parseCheckpointBody(note);
  let verified = false;
  for (const line of signatureLines) {
    const m = /^— (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line);
    if (!m) throw new Error(`malformed signature line "${line}"`);
    const raw = fromBase64(m[2]!);
    if (m[1] !== verifier.name || raw.length !== 68 || !equalBytes(raw.subarray(0, 4), verifier.keyId)) continue;
    if (!(yield* ed25519Verify(verifier.publicKey, utf8(opened.body), raw.subarray(4)))) throw new Error(`checkpoint signature by ${m[1]} is invalid`);
    verified = true;
  }
  if (!verified) throw new Error(`checkpoint carries no signature by ${verifier.name}`);
  return opened;
}

/** The body a checkpoint of this size and root has (what a checkpoint time-stamp covers). */
export function checkpointBody(origin: string, treeSize: number, rootHash: Uint8Array): string {
  if (!/^[^\s+—]+$/u.test(origin)) throw new Error(`bad checkpoint origin "${origin}"`);
  return `${origin}\n${treeSize}\n${toBase64(rootHash)}\n`;
}
