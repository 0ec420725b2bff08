// Every `ebox-keeper` subcommand. To add one: write cli/<name>.ts exporting a CliCommand, add one line here.
import type { CliCommand } from './command.ts';
import { startCommand } from './start.ts';
import { verifyStoreCommand } from './verify-store.ts';
import { pairCodeCommand } from './pair-code.ts';
import { importIdentityCommand } from './import-identity.ts';
import { pairingsCommand } from './pairings.ts';
import { verifyEvidenceCommand } from './verify-evidence.ts';
import { exportBundleCommand } from './export-bundle.ts';
import { verifyBundleCommand } from './verify-bundle.ts';
import { trustedListCommand } from './trusted-list.ts';

export const COMMANDS: CliCommand[] = [
  startCommand,
  verifyStoreCommand,
  pairCodeCommand,
  importIdentityCommand,
  pairingsCommand,
  verifyEvidenceCommand,
  exportBundleCommand,
  verifyBundleCommand,
  trustedListCommand,
];
