// Every `ebox-keeper` subcommand: its name and one-line summary here, its code loaded only when it runs (so that
// `ebox-keeper --help` or `start` does not load the PDF, CMS and zip libraries of the other commands). To add one:
// write cli/<name>.ts exporting a CliCommand, add one line here.
import type { CliCommand } from './command.ts';

export interface CommandEntry {
  name: string;
  /** One line for `ebox-keeper --help`. */
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'start', summary: 'run the helper on 127.0.0.1 (prints a pairing code while no extension is paired)', load: () => import('./start.ts').then((m) => m.startCommand) },
  { name: 'verify-store', summary: 'check every entry, checkpoint, time-stamp and file of the proof store; name what was altered, or that it shrank', load: () => import('./verify-store.ts').then((m) => m.verifyStoreCommand) },
  { name: 'pair-code', summary: 'print a one-time code to pair the browser extension (valid 10 minutes)', load: () => import('./pair-code.ts').then((m) => m.pairCodeCommand) },
  { name: 'import-identity', summary: "import the company's PKCS#12 (.p12/.pfx) as the signing identity", load: () => import('./import-identity.ts').then((m) => m.importIdentityCommand) },
  { name: 'pairings', summary: 'list the paired extensions, or remove one (ebox-keeper pairings remove ID)', load: () => import('./pairings.ts').then((m) => m.pairingsCommand) },
  { name: 'verify-evidence', summary: 'verify a qualified registered-delivery evidence (ETSI EN 319 522) and print its EN 319 102-1 report', load: () => import('./verify-evidence.ts').then((m) => m.verifyEvidenceCommand) },
  { name: 'export-bundle', summary: 'write a signed evidence bundle (ASiC-E) of acknowledged messages for an auditor', load: () => import('./export-bundle.ts').then((m) => m.exportBundleCommand) },
  { name: 'verify-bundle', summary: 'verify an evidence bundle (ASiC-E) offline: signature, digests, receipts, evidences, inclusion proofs', load: () => import('./verify-bundle.ts').then((m) => m.verifyBundleCommand) },
  { name: 'consumer', summary: 'add, list or remove the Document Consumer accounts (OAuth clients) the sync uses', load: () => import('./consumer.ts').then((m) => m.consumerCommand) },
  { name: 'sync', summary: 'keep every message and document of the consumer accounts (e-Box Document Consumer API), once', load: () => import('./sync.ts').then((m) => m.syncCommand) },
  { name: 'messages', summary: 'list the messages the sync keeps (per enterprise, or those whose e-Box expiry is near)', load: () => import('./messages.ts').then((m) => m.messagesCommand) },
  { name: 'trusted-list', summary: 'install the national trusted list, followed from the EU list of trusted lists (or its shipped snapshot)', load: () => import('./trusted-list.ts').then((m) => m.trustedListCommand) },
  { name: 'install', summary: 'start the helper at login and let the browsers pair without a code (native messaging)', load: () => import('./install.ts').then((m) => m.installCommand) },
  { name: 'uninstall', summary: 'undo install (keeps the data directory)', load: () => import('./uninstall.ts').then((m) => m.uninstallCommand) },
  { name: 'status', summary: 'is the helper installed, registered in the browsers, and answering', load: () => import('./status.ts').then((m) => m.statusCommand) },
  { name: 'native-host', summary: '(started by the browser) answers the extension on native messaging', load: () => import('./native-host.ts').then((m) => m.nativeHostCommand) },
];
