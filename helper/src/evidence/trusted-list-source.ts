// Where the helper finds its trusted list: EBOX_KEEPER_TRUSTED_LIST, else <data dir>/trusted-list.xml (a copy of
// the national TS 119 612 list, or the sandbox's). Parsed once per file version (path, size, mtime).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrustedList, type TrustedList } from './trusted-list.ts';

export function trustedListPath(dataDir: string, env = process.env): string {
  return env.EBOX_KEEPER_TRUSTED_LIST || join(dataDir, 'trusted-list.xml');
}

let cached: { key: string; list: TrustedList } | undefined;

/** The parsed list at `path`, or undefined when no file is there. Throws TrustedListError when it is unreadable. */
export function loadTrustedList(path: string): TrustedList | undefined {
  let key: string;
  try {
    const stat = statSync(path);
    key = `${path}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
  if (cached?.key !== key) cached = { key, list: parseTrustedList(readFileSync(path)) };
  return cached.list;
}
