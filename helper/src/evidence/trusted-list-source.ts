// Where the helper finds its trusted list: EBOX_KEEPER_TRUSTED_LIST, else <data dir>/trusted-list.xml (the national
// TS 119 612 list `ebox-keeper trusted-list update` installs, or the sandbox's); and the certificates pinned for
// its scheme operator: EBOX_KEEPER_TRUSTED_LIST_SIGNER, else <data dir>/trusted-list-signer.pem (one or more PEM
// certificates, or one DER). Without a pinned certificate the list is read but not trusted. Parsed once per version
// of the two files (path, size, mtime).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateError, parseCertificate, type Certificate } from './certificate.ts';
import { parseTrustedList, TrustedListError, type TrustedList } from './trusted-list.ts';

export function trustedListPath(dataDir: string, env = process.env): string {
  return env.EBOX_KEEPER_TRUSTED_LIST || join(dataDir, 'trusted-list.xml');
}

export function trustedListSignerPath(dataDir: string, env = process.env): string {
  return env.EBOX_KEEPER_TRUSTED_LIST_SIGNER || join(dataDir, 'trusted-list-signer.pem');
}

function versionOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${path}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Every certificate of a PEM bundle (or the one DER certificate); throws CertificateError when one is unreadable. */
export function readCertificates(bytes: Uint8Array): Certificate[] {
  const text = Buffer.from(bytes).toString('latin1');
  const pems = [...text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)];
  if (pems.length === 0) return [parseCertificate(bytes)];
  return pems.map((m) => parseCertificate(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
}

/** The certificates pinned at `path` (empty when no file is there). */
export function loadPinnedSigners(path: string): Certificate[] {
  if (versionOf(path) === undefined) return [];
  try {
    return readCertificates(readFileSync(path));
  } catch (error) {
    if (error instanceof CertificateError) throw new TrustedListError(`the pinned trusted-list signer file ${path} is unreadable: ${error.message}`);
    throw error;
  }
}

let cached: { key: string; list: TrustedList } | undefined;

/**
 * The parsed list at `listPath`, its signature checked against the certificates pinned at `signerPath`; undefined
 * when there is no list. Throws TrustedListError only when a file is unreadable; a list that no pinned certificate
 * signed comes back untrusted, with the reason.
 */
export function loadTrustedList(listPath: string, signerPath: string): TrustedList | undefined {
  const listVersion = versionOf(listPath);
  if (listVersion === undefined) return undefined;
  const key = `${listVersion}|${versionOf(signerPath) ?? 'unpinned'}`;
  if (cached?.key !== key) cached = { key, list: parseTrustedList(readFileSync(listPath), loadPinnedSigners(signerPath), signerPath) };
  return cached.list;
}
