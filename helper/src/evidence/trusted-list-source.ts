// Where the helper finds its trusted list: EBOX_KEEPER_TRUSTED_LIST, else <data dir>/trusted-list.xml (a copy of
// the national TS 119 612 list, or the sandbox's); and the certificate of the scheme operator that must have
// signed it: EBOX_KEEPER_TRUSTED_LIST_SIGNER, else <data dir>/trusted-list-signer.pem (PEM or DER), when present.
// Parsed once per version of the two files (path, size, mtime).
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

/** The pinned operator certificate at `path`, or undefined when no file is there. */
export function loadPinnedOperator(path: string): Certificate | undefined {
  if (versionOf(path) === undefined) return undefined;
  const bytes = readFileSync(path);
  const pem = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(bytes.toString('latin1'));
  try {
    return parseCertificate(pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes);
  } catch (error) {
    if (error instanceof CertificateError) throw new TrustedListError(`the pinned trusted-list signer ${path} is unreadable: ${error.message}`);
    throw error;
  }
}

let cached: { key: string; list: TrustedList } | undefined;

/**
 * The parsed list at `listPath`, checked against the operator pinned at `signerPath` if that file exists; undefined
 * when there is no list. Throws TrustedListError when the list is unreadable or not signed by the pinned operator.
 */
export function loadTrustedList(listPath: string, signerPath: string): TrustedList | undefined {
  const listVersion = versionOf(listPath);
  if (listVersion === undefined) return undefined;
  const key = `${listVersion}|${versionOf(signerPath) ?? 'unpinned'}`;
  if (cached?.key !== key) cached = { key, list: parseTrustedList(readFileSync(listPath), loadPinnedOperator(signerPath)) };
  return cached.list;
}
