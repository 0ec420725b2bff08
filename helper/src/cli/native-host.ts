// `ebox-keeper native-host`: what the browsers start through the native-messaging manifests (see install.ts); not
// for people. The browser adds its own arguments (the caller), which are passed on.
import { runNativeHost } from '../native-host/native-host.ts';
import { dataDirFrom, parseCommandArgs, portFrom, type CliCommand } from './command.ts';

export const nativeHostCommand: CliCommand = {
  usage: `ebox-keeper native-host [--port N] [--data-dir DIR] [browser arguments]

Started by the browser, not by hand: answers the extension's pairing request on stdin/stdout (native messaging).`,
  async run(argv) {
    // Chrome on Windows adds --parent-window=<handle>, which is nothing to us.
    const { values, positionals } = parseCommandArgs(argv.filter((a) => !a.startsWith('--parent-window=')), { port: { type: 'string' } });
    await runNativeHost({ dataDir: dataDirFrom(values['data-dir']), port: portFrom(values.port), callerArgs: positionals });
    return 0;
  },
};
