// The `ebox-keeper` command as users run it: a real process on Node 24's type stripping.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PairingRegistry } from '../pairing/pairing-registry.ts';

const BIN = join(fileURLToPath(import.meta.url), '..', '..', '..', 'bin', 'ebox-keeper.js');
const dataDir = mkdtempSync(join(tmpdir(), 'ebk-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...args: string[]) {
  return runIn({ LANG: 'en_GB.UTF-8' }, ...args);
}

function runIn(locale: NodeJS.ProcessEnv, ...args: string[]) {
  const env = { ...process.env, LC_ALL: undefined, LC_MESSAGES: undefined, ...locale, EBOX_KEEPER_DATA_DIR: dataDir };
  const r = spawnSync(process.execPath, [BIN, ...args], { env });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('ebox-keeper', () => {
  it('lists its commands with --help, explains each, and refuses unknown ones and options', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const c of ['start', 'verify-store', 'pair-code', 'import-identity', 'pairings']) expect(help.out).toContain(`  ${c}`);
    expect(run('verify-store', '--help').out).toMatch(/--json/);
    expect(run('frobnicate').status).toBe(64);
    expect(run('verify-store', '--no-such-option').status).toBe(64);
  });

  it('issues pairing codes, lists and removes pairings (taking effect in a running registry)', () => {
    expect(run('pair-code').out).toMatch(/pairing code: [A-Z2-9]{4}-[A-Z2-9]{4}/);
    const registry = new PairingRegistry(dataDir);
    const { pairing, header } = registry.pair('chrome-extension://abc', 'abc', 'laptop');
    expect(run('pairings').out).toMatch(new RegExp(`${pairing.pairingId}\\s+chrome-extension://abc.*"laptop"`));
    expect(registry.authenticate(header)).not.toBeNull();
    expect(run('pairings', 'remove', pairing.pairingId).status).toBe(0);
    const until = Date.now() + 300;
    while (Date.now() < until); // the registry re-reads its file at most every 250 ms
    expect(registry.authenticate(header)).toBeNull();
    expect(run('pairings', 'remove', pairing.pairingId).status).toBe(1);
  });

  it('says clearly when there is no store to verify', () => {
    const r = run('verify-store', '--data-dir', join(dataDir, 'nowhere'));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/there is no proof store in .*nowhere/);
  });

  it('speaks the language of LANG, or of --lang', () => {
    const fr = runIn({ LANG: 'fr_BE.UTF-8' }, 'verify-store', '--data-dir', join(dataDir, 'nowhere'));
    expect(fr.status).toBe(1);
    expect(fr.out).toMatch(/il n'y a pas de registre de preuves dans .*nowhere.* \(mauvais --data-dir \?\)/);
    expect(runIn({ LANG: 'fr_BE.UTF-8' }, 'verify-store', '--lang', 'nl', '--data-dir', join(dataDir, 'nowhere')).out).toMatch(/er is geen bewijsregister in/);
    expect(runIn({ LC_ALL: 'de_BE.UTF-8', LANG: 'fr_BE.UTF-8' }, 'verify-store', '--data-dir', join(dataDir, 'nowhere')).out).toMatch(/keinen Nachweisspeicher/);
  });
});
