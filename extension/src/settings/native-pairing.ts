// Pairing without a code: the native-messaging host that `ebox-keeper install` registers answers the helper's port
// and a pairing for this extension's Origin. No host (not installed, another browser profile, a managed browser
// that forbids it) is not an error: the options page then offers the one-time code.
import { browser } from 'wxt/browser';
import { NATIVE_HOST_NAME } from '../../../shared/extension-ids.ts';
import { nativePairAnswerSchema, type NativePairRequest } from '../../../shared/helper-api/native-pairing.ts';
import { extensionOriginHost } from '../platform/runtime.ts';
import { saveHelperConnection, type HelperConnection } from './helper-connection.ts';

export type SendNativeMessage = (application: string, message: NativePairRequest) => Promise<unknown>;

const sendThroughBrowser: SendNativeMessage = (application, message) => browser.runtime.sendNativeMessage(application, message);

/** The connection the native host gave (and now stored), or null when no host answered or it refused. */
export async function pairThroughNativeHost(send: SendNativeMessage = sendThroughBrowser): Promise<HelperConnection | null> {
  const scheme = new URL(browser.runtime.getURL('/')).protocol.replace(/:$/, '') === 'moz-extension' ? 'moz-extension' : 'chrome-extension';
  let raw: unknown;
  try {
    raw = await send(NATIVE_HOST_NAME, { type: 'pair', originHost: extensionOriginHost(), scheme, label: 'e-Box Keeper' });
  } catch {
    return null;
  }
  const answer = nativePairAnswerSchema.safeParse(raw);
  if (!answer.success || !answer.data.ok) {
    console.warn('[helper] the native host did not pair us', answer.success ? answer.data : answer.error.message);
    return null;
  }
  const connection = { port: answer.data.port, pairing: answer.data.pairing };
  await saveHelperConnection(connection);
  return connection;
}
