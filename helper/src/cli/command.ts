// What a subcommand is, and the options every subcommand shares (data directory, port, TSA).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_HELPER_PORT } from '../../../shared/helper-api/wire-constants.ts';

/** A subcommand's code; its name and summary are in commands.ts. */
export interface CliCommand {
  /** Full text for `ebox-keeper <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const COMMON_USAGE = `  --data-dir DIR   data directory (env EBOX_KEEPER_DATA_DIR; default $XDG_DATA_HOME/ebox-keeper or ~/.local/share/ebox-keeper)
  --lang LANG      fr, nl, de or en for what the command says (default: LC_ALL, LC_MESSAGES or LANG, else en)
  -h, --help       this help`;

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
}

export function dataDirFrom(flag: string | undefined, env = process.env): string {
  if (flag) return flag;
  if (env.EBOX_KEEPER_DATA_DIR) return env.EBOX_KEEPER_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'ebox-keeper');
}

export function portFrom(flag: string | undefined, env = process.env): number {
  const text = flag ?? env.EBOX_KEEPER_PORT ?? String(DEFAULT_HELPER_PORT);
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
