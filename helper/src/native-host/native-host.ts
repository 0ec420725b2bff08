// The native-messaging host: started by the browser (the manifests `ebox-keeper install` writes name only our
// extension), it answers a pairing request with the helper's port and a new pairing bound to the extension's
// Origin, written to the data directory's pairings.json, which a running helper reads again within 250 ms.
// Nothing but protocol goes to stdout: the browser reads it as messages.
import type { Readable, Writable } from 'node:stream';
import { nativePairRequestSchema, type NativePairAnswer } from '../../../shared/helper-api/native-pairing.ts';
import { PairingRegistry } from '../pairing/pairing-registry.ts';
import { readNativeMessages, writeNativeMessage } from './native-messaging.ts';

export interface NativeHostOptions {
  dataDir: string;
  port: number;
  /**
   * The caller as the browser names it in the host's arguments: Chrome, Chromium and Edge pass the Origin
   * (`chrome-extension://ID/`); Firefox passes the gecko id, not the per-install UUID the Origin carries.
   */
  callerArgs: string[];
}

/** Chrome's caller Origin from the host's arguments, without the trailing slash; undefined from Firefox. */
export function chromeCallerOrigin(args: string[]): string | undefined {
  const arg = args.find((a) => /^chrome-extension:\/\/[a-p]{32}\/?$/.test(a));
  return arg?.replace(/\/$/, '');
}

export function answerNativeRequest(message: unknown, options: NativeHostOptions, registry = new PairingRegistry(options.dataDir)): NativePairAnswer {
  const parsed = nativePairRequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: `not a pairing request: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const origin = `${parsed.data.scheme}://${parsed.data.originHost}`;
  // Chrome says who called: a request for another Origin is refused. Firefox only starts the host for the
  // extension its manifest allows (allowed_extensions), and does not pass the UUID.
  const caller = chromeCallerOrigin(options.callerArgs);
  if (caller !== undefined && caller !== origin) return { ok: false, error: `the caller is ${caller}, not ${origin}` };
  const { pairing, header } = registry.pair(origin, parsed.data.originHost, parsed.data.label ?? 'paired through the browser (native messaging)');
  return { ok: true, port: options.port, pairing: { pairingId: pairing.pairingId, secret: header, origin, pairedAt: pairing.pairedAt } };
}

/** Answers every message until the browser closes the pipe. */
export async function runNativeHost(options: NativeHostOptions, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  for await (const message of readNativeMessages(input)) {
    let answer: NativePairAnswer;
    try {
      answer = answerNativeRequest(message, options);
    } catch (err) {
      answer = { ok: false, error: (err as Error).message };
    }
    await writeNativeMessage(output, answer);
  }
}
