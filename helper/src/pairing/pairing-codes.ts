// One-time pairing codes, kept hashed in <data dir>/pairing-codes.json so `ebox-keeper pair-code` (another
// process) can issue one that the running helper accepts. A code lives 10 minutes and is consumed on use.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAIRING_CODE_ALPHABET } from '../../../shared/helper-api/pairing.ts';
import { writeDurably } from '../store/proof-store.ts';

export const CODE_LIFETIME_MS = 10 * 60_000;

interface StoredCode {
  hash: string;
  expiresAt: number;
}

const fileOf = (dataDir: string) => join(dataDir, 'pairing-codes.json');
const hashCode = (code: string) => createHash('sha256').update(`ebox-keeper pairing code\n${code}`).digest();

function read(dataDir: string, now: number): StoredCode[] {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return [];
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as StoredCode[]).filter((c) => c.expiresAt > now);
  } catch {
    return []; // a damaged code file only costs the user a new code
  }
}

/** Issues a new code (shown to the user as XXXX-XXXX). */
export function issuePairingCode(dataDir: string, now = Date.now()): { code: string; display: string; expiresAt: Date } {
  let code = '';
  for (let i = 0; i < 8; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  const codes = read(dataDir, now);
  codes.push({ hash: hashCode(code).toString('hex'), expiresAt: now + CODE_LIFETIME_MS });
  writeDurably(fileOf(dataDir), JSON.stringify(codes), 0o600);
  return { code, display: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(now + CODE_LIFETIME_MS) };
}

/** True, and the code is gone, when it was a live code; compared in constant time. */
export function consumePairingCode(dataDir: string, code: string, now = Date.now()): boolean {
  const codes = read(dataDir, now);
  const given = hashCode(code);
  const index = codes.findIndex((c) => timingSafeEqual(Buffer.from(c.hash, 'hex'), given));
  if (index < 0) return false;
  codes.splice(index, 1);
  writeDurably(fileOf(dataDir), JSON.stringify(codes), 0o600);
  return true;
}

export function hasLiveCode(dataDir: string, now = Date.now()): boolean {
  return read(dataDir, now).length > 0;
}
