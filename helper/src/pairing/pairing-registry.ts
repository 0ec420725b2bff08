// Paired extensions, in <data dir>/pairings.json (0600): each an id, the extension origin it is bound to and the
// SHA-256 of its secret. The secret itself is only ever in the pairing answer and the extension's storage.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from '../store/proof-store.ts';

export interface Pairing {
  pairingId: string;
  origin: string;
  extensionId: string;
  pairedAt: string;
  label?: string;
  secretSha256: string;
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();
const DUMMY_HASH = hashSecret('no such pairing');

export class PairingRegistry {
  private pairings: Pairing[] = [];
  private loadedMtime = -1;
  private checkedAt = 0;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'pairings.json');
    this.reloadIfChanged();
  }

  /**
   * `ebox-keeper pairings remove` and the native host edit the file from other processes: a running helper sees it
   * on the next call. At most one stat a quarter second (a removal takes effect within that, at no cost per
   * request), except for a pairing id it does not know: the native host may have written it a moment ago.
   */
  private reloadIfChanged(force = false): void {
    const now = Date.now();
    if (!force && now - this.checkedAt < 250) return;
    this.checkedAt = now;
    const mtime = existsSync(this.file) ? statSync(this.file).mtimeMs : 0;
    if (mtime === this.loadedMtime) return;
    this.pairings = mtime ? (JSON.parse(readFileSync(this.file, 'utf8')) as Pairing[]) : [];
    this.loadedMtime = mtime;
  }

  list(): Omit<Pairing, 'secretSha256'>[] {
    return this.pairings.map(({ secretSha256: _hidden, ...p }) => p);
  }

  /** Binds a new secret to the extension origin; re-pairing the same origin replaces its old secret. */
  pair(origin: string, extensionId: string, label?: string, now = new Date()): { pairing: Pairing; header: string } {
    this.reloadIfChanged(true);
    const pairingId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const pairing: Pairing = {
      pairingId,
      origin,
      extensionId,
      pairedAt: now.toISOString(),
      ...(label ? { label } : {}),
      secretSha256: hashSecret(secret).toString('hex'),
    };
    this.save([...this.pairings.filter((p) => p.origin !== origin), pairing]);
    return { pairing, header: `${pairingId}.${secret}` };
  }

  unpair(pairingId: string): boolean {
    this.reloadIfChanged(true);
    const kept = this.pairings.filter((p) => p.pairingId !== pairingId);
    if (kept.length === this.pairings.length) return false;
    this.save(kept);
    return true;
  }

  /** The pairing a secret header belongs to, or null; the hash comparison is constant-time. */
  authenticate(header: string | undefined): Pairing | null {
    if (!header) return null;
    this.reloadIfChanged();
    const dot = header.indexOf('.');
    const id = dot > 0 ? header.slice(0, dot) : '';
    if (!this.pairings.some((p) => p.pairingId === id)) this.reloadIfChanged(true);
    const pairing = this.pairings.find((p) => p.pairingId === id);
    const expected = pairing ? Buffer.from(pairing.secretSha256, 'hex') : DUMMY_HASH;
    const ok = timingSafeEqual(expected, hashSecret(header.slice(dot + 1)));
    return ok && pairing ? pairing : null;
  }

  private save(pairings: Pairing[]): void {
    writeDurably(this.file, JSON.stringify(pairings, null, 2) + '\n', 0o600);
    this.pairings = pairings;
    this.loadedMtime = statSync(this.file).mtimeMs;
  }
}
