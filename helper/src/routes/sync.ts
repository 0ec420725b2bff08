// The sync as the extension sees it: each consumer account's providers with their last run and error, "sync now",
// and the messages the sync keeps (per company) with their documents' digests, whose bytes GET /documents/:sha256
// serves.
import { Hono } from 'hono';
import { z } from 'zod';
import type { HelperContext } from '../context.ts';
import { parseValue } from '../http/errors.ts';
import { listConsumerAccounts } from '../consumers/consumer-store.ts';
import { keptMessages } from '../sync/kept-messages.ts';
import type { SyncStatus } from '../../../shared/helper-api/sync.ts';

export function syncRoutes(ctx: HelperContext) {
  const app = new Hono();

  app.get('/', (c) => {
    const accounts = listConsumerAccounts(ctx.dataDir).map((a) => ({
      enterprise: a.enterprise,
      clientId: a.clientId,
      certificateNotAfter: a.certificate.notAfter,
      providers: ctx.sync.db.providers(a.enterprise).map((p) => ({
        provider: p.provider,
        name: p.name,
        lastRunAt: p.lastRunAt,
        lastSuccessAt: p.lastSuccessAt,
        lastError: p.lastError,
      })),
    }));
    return c.json({ running: ctx.sync.isRunning, ...(ctx.sync.nextRunAt ? { nextRunAt: ctx.sync.nextRunAt } : {}), ...(ctx.sync.lastRun ? { lastRun: ctx.sync.lastRun } : {}), accounts } satisfies SyncStatus);
  });

  app.post('/', (c) => c.json({ started: ctx.sync.runNow((line) => console.log(line)) }, 202));

  app.get('/messages', (c) => {
    const q = parseValue(
      z.object({
        enterprise: z.string().regex(/^[01]\d{9}$/).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        offset: z.coerce.number().int().min(0).default(0),
        expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
      }),
      c.req.query(),
      'query',
    );
    return c.json({ items: keptMessages(ctx.sync.db, q) });
  });

  return app;
}
