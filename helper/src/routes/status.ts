// GET /status: who the helper is, which identity signs (development or not), the store's size and checkpoint.
import { Hono } from 'hono';
import { HELPER_API_VERSION } from '../../../shared/helper-api/protocol.ts';
import type { StatusResponse } from '../../../shared/helper-api/status.ts';
import type { HelperContext } from '../context.ts';
import type { AuthVariables } from '../http/secret-auth.ts';
import { HELPER_NAME, HELPER_VERSION } from '../version.ts';

export function statusRoutes(ctx: HelperContext) {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get('/', (c) => {
    const { secretSha256: _secret, extensionId: _id, ...pairing } = c.get('pairing');
    const checkpoint = ctx.store.checkpoint;
    const body: StatusResponse = {
      helper: { name: HELPER_NAME, version: HELPER_VERSION, apiVersion: HELPER_API_VERSION },
      pairing,
      identity: ctx.identity.summary,
      store: {
        treeSize: ctx.store.size,
        checkpoint: checkpoint ? ctx.receipts.checkpointView(checkpoint) : null,
        documentsStored: ctx.store.documentCount,
      },
      tsa: { configured: Boolean(ctx.tsaUrl), ...(ctx.tsaUrl ? { url: ctx.tsaUrl } : {}) },
    };
    return c.json(body);
  });
  return app;
}
