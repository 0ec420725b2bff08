// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) signed with C2SP signed-note Ed25519 signatures:
//   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id (4 bytes) || signature (64 bytes))>\n
// The key id is SHA-256(<key name> || 0x0A || 0x01 || <32-byte public key>)[:4]; the signature covers the body
// (the first three lines, each ending in \n). Any standard tlog tool (e.g. golang.org/x/mod/sumdb/note) reads it.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { checkpointBody } from '../../../shared/proof-log/index.ts';
import { proofLog } from './proof-log.ts';

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
  return Buffer.from(proofLog.keyId(name, publicKey));
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
  const v = proofLog.parseVerifierKey(text);
  return { name: v.name, publicKey: Buffer.from(v.publicKey), keyId: Buffer.from(v.keyId) };
}

export function formatCheckpointBody(body: CheckpointBody): string {
  return checkpointBody(body.origin, body.treeSize, body.rootHash);
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
 * Parses a checkpoint note and checks it carries a valid signature by `verifier`; throws naming what is wrong
 * (shared/proof-log's reader: the extension runs the same one).
 */
export function openCheckpoint(note: string, verifier: { name: string; publicKey: Buffer; keyId: Buffer }): OpenedCheckpoint {
  const cp = proofLog.openCheckpoint(note, verifier);
  return { ...cp, rootHash: Buffer.from(cp.rootHash) };
}

function checkKeyName(name: string): void {
  if (!/^[^\s+]+$/.test(name)) throw new Error(`bad note key name "${name}"`);
}
