// `ebox-keeper <command> [options]`: finds the subcommand and runs it; usage errors exit 64 (EX_USAGE), failures 1.
// 2 is left to the verifying commands for INDETERMINATE.
import { COMMANDS } from './commands.ts';
import { UsageError } from './command.ts';
import { HELPER_VERSION } from '../version.ts';

/** sysexits.h: the command was used incorrectly. */
const EX_USAGE = 64;

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `ebox-keeper ${HELPER_VERSION}: the e-Box Keeper local helper`,
    '',
    'usage: ebox-keeper <command> [options]     (ebox-keeper <command> --help for its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : EX_USAGE;
  }
  if (name === '--version') {
    console.log(HELPER_VERSION);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    console.error(`unknown command "${name}"\n\n${overview()}`);
    return EX_USAGE;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${e.message}\n\n${command.usage}`);
      return EX_USAGE;
    }
    console.error(`ebox-keeper ${name}: ${e.message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
