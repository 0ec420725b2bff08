// Starting the helper at login for the current user: a systemd user unit (Linux), a LaunchAgent (macOS), a
// scheduled task at logon (Windows). Each runs `node <bin> start --port P --data-dir D` with absolute paths, so it
// does not depend on the login shell's PATH or environment.

export const SERVICE_NAME = 'ebox-keeper';
export const SYSTEMD_UNIT = `${SERVICE_NAME}.service`;
export const LAUNCH_AGENT_LABEL = 'be.ebox-keeper.helper';
export const WINDOWS_TASK = 'e-Box Keeper helper';

/**
 * The idle helper's heap: V8 grows the young generation to 16 MB semi-spaces while the helper loads and keeps them;
 * 2 MB semi-spaces keep an idle helper under 80 MB (test/bench/helper-startup.bench.ts measures both).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

export interface HelperCommandLine {
  node: string;
  bin: string;
  port: number;
  dataDir: string;
}

export function helperArgv(c: HelperCommandLine): string[] {
  return [c.node, ...SERVICE_NODE_FLAGS, c.bin, 'start', '--port', String(c.port), '--data-dir', c.dataDir];
}

/** systemd's ExecStart quoting: each word in double quotes, with \, " and the specifiers % and $ escaped. */
function systemdWord(word: string): string {
  return `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

export function systemdUnit(c: HelperCommandLine): string {
  return `[Unit]
Description=e-Box Keeper helper (receipts and proofs for e-Box Enterprise, on 127.0.0.1:${c.port})

[Service]
Type=simple
ExecStart=${helperArgv(c).map(systemdWord).join(' ')}
Restart=on-failure
RestartSec=5
# 70: the disk can no longer be trusted (a failed fsync); restarting would not mend it.
RestartPreventExitStatus=70
NoNewPrivileges=yes

[Install]
WantedBy=default.target
`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function launchAgentPlist(c: HelperCommandLine, logFile: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCH_AGENT_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${helperArgv(c).map((a) => `    <string>${xml(a)}</string>`).join('\n')}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>StandardOutPath</key>
  <string>${xml(logFile)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(logFile)}</string>
</dict>
</plist>
`;
}

/** cmd.exe quoting for the .cmd file the scheduled task runs (schtasks /TR is limited to 261 characters). */
export function windowsStartScript(c: HelperCommandLine): string {
  return `@echo off\r\nrem e-Box Keeper helper, started at logon by the scheduled task "${WINDOWS_TASK}"\r\n${helperArgv(c).map((a) => `"${a.replace(/%/g, '%%')}"`).join(' ')}\r\n`;
}
