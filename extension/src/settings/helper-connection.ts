// How to reach the local helper: its port and, once paired, the pairing the helper gave us. Kept in
// storage.local (this machine only, never synced), read by the helper client in the service worker.
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_HELPER_PORT, pairResponseSchema } from '../../../shared/helper-api/index.ts';
import { HelperClient } from '../helper-client/helper-client.ts';

export const helperConnectionSchema = z.object({
  port: z.int().min(1024).max(65_535),
  pairing: pairResponseSchema.nullable(),
});
export type HelperConnection = z.infer<typeof helperConnectionSchema>;

export const DEFAULT_HELPER_CONNECTION: HelperConnection = { port: DEFAULT_HELPER_PORT, pairing: null };

const connectionItem = storage.defineItem<unknown>('local:helperConnection');

export async function loadHelperConnection(): Promise<HelperConnection> {
  const parsed = helperConnectionSchema.safeParse(await connectionItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_HELPER_CONNECTION;
}

/** A client of the paired helper, with the pairing secret; undefined before pairing. */
export async function pairedHelperClient(): Promise<HelperClient | undefined> {
  const connection = await loadHelperConnection();
  return connection.pairing ? new HelperClient({ port: connection.port, secret: connection.pairing.secret }) : undefined;
}

export async function saveHelperConnection(connection: HelperConnection): Promise<void> {
  await connectionItem.setValue(helperConnectionSchema.parse(connection));
}

export function watchHelperConnection(listener: (connection: HelperConnection) => void): () => void {
  return connectionItem.watch((value) => {
    const parsed = helperConnectionSchema.safeParse(value);
    listener(parsed.success ? parsed.data : DEFAULT_HELPER_CONNECTION);
  });
}
