// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) signed with C2SP signed-note Ed25519 signatures:
//   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id (4 bytes) || signature (64 bytes))>\n
// The key id is SHA-256(<key name> || 0x0A || 0x01 || <32-byte public key>)[:4]; the signature covers the body
// (the first three lines, each ending in \n). Any standard tlog tool (e.g. golang.org/x/mod/sumdb/note) reads it.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const ED25519_TYPE = 0x01;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export interface NoteSigner {
  name: string;
  privateKey: KeyObject;
  publicKey: Buffer;
  keyId: Buffer;
}

export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, ED25519_TYPE]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function rawEd25519PublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}

export function noteSignerFromPkcs8(name: string, pkcs8Pem: string): NoteSigner {
  checkKeyName(name);
  const privateKey = createPrivateKey(pkcs8Pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint key must be Ed25519');
  const publicKey = rawEd25519PublicKey(createPublicKey(privateKey));
  return { name, privateKey, publicKey, keyId: keyIdOf(name, publicKey) };
}

/** The verifier key in the signed-note text form: `<name>+<key id hex>+<base64(0x01 || public key)>`. */
export function verifierKeyOf(signer: Pick<NoteSigner, 'name' | 'publicKey' | 'keyId'>): string {
  const typed = Buffer.concat([Buffer.from([ED25519_TYPE]), signer.publicKey]);
  return `${signer.name}+${signer.keyId.toString('hex')}+${typed.toString('base64')}`;
}

export function parseVerifierKey(text: string): { name: string; publicKey: Buffer; keyId: Buffer } {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text);
  if (!m) throw new Error('not a signed-note verifier key');
  const typed = Buffer.from(m[3]!, 'base64');
  if (typed.length !== 33 || typed[0] !== ED25519_TYPE) throw new Error('not an Ed25519 verifier key');
  const publicKey = typed.subarray(1);
  const keyId = keyIdOf(m[1]!, publicKey);
  if (keyId.toString('hex') !== m[2]) throw new Error('verifier key id does not match its name and key');
  return { name: m[1]!, publicKey, keyId };
}

export function formatCheckpointBody(body: CheckpointBody): string {
  if (!/^[^\s+—]+$/u.test(body.origin)) throw new Error(`bad checkpoint origin "${body.origin}"`);
  return `${body.origin}\n${body.treeSize}\n${body.rootHash.toString('base64')}\n`;
}

export function signCheckpoint(body: CheckpointBody, signer: NoteSigner): string {
  const text = formatCheckpointBody(body);
  const signature = sign(null, Buffer.from(text), signer.privateKey);
  return `${text}\n— ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

export interface OpenedCheckpoint extends CheckpointBody {
  body: string;
}

/**
 * Parses a checkpoint note and checks it carries a valid signature by `verifier`; throws naming what is wrong.
 * Signatures by other keys are allowed (cosigners) and ignored, as the signed-note spec says.
 */
export function openCheckpoint(note: string, verifier: { name: string; publicKey: Buffer; keyId: Buffer }): OpenedCheckpoint {
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('checkpoint is not a signed note (no blank line or final newline)');
  const body = note.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new Error('checkpoint body needs origin, size and root hash lines');
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!/^(0|[1-9]\d{0,15})$/.test(sizeText)) throw new Error(`checkpoint tree size "${sizeText}" is not a decimal number`);
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== rootText) throw new Error('checkpoint root hash is not base64 SHA-256');
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, verifier.publicKey]), format: 'der', type: 'spki' });
  let verified = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const m = /^— (\S+) ([A-Za-z0-9+/]+=*)$/u.exec(line);
    if (!m) throw new Error(`malformed signature line "${line}"`);
    const raw = Buffer.from(m[2]!, 'base64');
    if (m[1] !== verifier.name || raw.length !== 68 || !raw.subarray(0, 4).equals(verifier.keyId)) continue;
    if (!verify(null, Buffer.from(body), publicKey, raw.subarray(4))) throw new Error(`checkpoint signature by ${m[1]} is invalid`);
    verified = true;
  }
  if (!verified) throw new Error(`checkpoint carries no signature by ${verifier.name}`);
  return { origin, treeSize: Number(sizeText), rootHash, body };
}

function checkKeyName(name: string): void {
  if (!/^[^\s+]+$/.test(name)) throw new Error(`bad note key name "${name}"`);
}
