// Runs the helper: context, app, and an HTTP server bound to 127.0.0.1 only (@hono/node-server binds every
// interface unless told otherwise).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { createContext, type ContextOptions, type HelperContext } from './context.ts';

export interface RunningHelper {
  ctx: HelperContext;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHelper(options: ContextOptions): Promise<RunningHelper> {
  // The signing threads start on the first acknowledgement, not here: an idle helper does not carry their ~30 MB.
  const ctx = await createContext(options);
  const app = createApp(ctx);
  let server!: ServerType;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port }, resolve);
    server.once('error', reject);
  });
  ctx.port = address.port;
  return {
    ctx,
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      // Stop accepting, let requests in flight finish, and drop idle keep-alive connections instead of waiting.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await closed;
      await ctx.sync.close();
      await ctx.store.close();
      await ctx.receipts.close();
    },
  };
}
